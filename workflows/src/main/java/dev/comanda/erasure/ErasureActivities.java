package dev.comanda.erasure;

import dev.comanda.erasure.CustomerErasureWorkflow.Erased;
import dev.comanda.erasure.CustomerErasureWorkflow.Erasure;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The workers' part of an erasure: idempotent, a retry changes nothing more. */
@ActivityInterface(namePrefix = "Erasure")
public interface ErasureActivities {

    /** Customer fields of the orders' read-model rows and the e-mail recipients of their notifications. */
    @ActivityMethod
    Erased anonymize(Erasure request);

    /** The data keys of the orders' workflows: their payloads can never be decrypted again. */
    @ActivityMethod
    int deleteDataKeys(Erasure request);
}
