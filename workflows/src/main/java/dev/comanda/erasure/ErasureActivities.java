package dev.comanda.erasure;

import dev.comanda.erasure.CustomerErasureWorkflow.Erased;
import dev.comanda.erasure.CustomerErasureWorkflow.Erasure;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The workers' part of a customer's erasure or a tenant's offboarding: idempotent, a retry changes nothing more. */
@ActivityInterface(namePrefix = "Erasure")
public interface ErasureActivities {

    /**
     * Customer fields of the orders' read-model rows and timeline entries, the e-mail recipients of their
     * notifications and the receipt e-mail of their charge requests.
     */
    @ActivityMethod
    Erased anonymize(Erasure request);

    /** The data keys of the orders' workflows: their payloads can never be decrypted again. */
    @ActivityMethod
    int deleteDataKeys(Erasure request);

    /** How many of the tenant's orders are not over yet (an offboarding waits for them). */
    @ActivityMethod
    int openOrders(String tenantId);

    /** {@link #anonymize} for every order of the tenant, and every e-mail it sent. */
    @ActivityMethod
    Erased anonymizeTenant(String tenantId);

    /** The data keys of every workflow of the tenant ({@link TenantOffboardingWorkflow#isWorkflowOf}). */
    @ActivityMethod
    int deleteTenantDataKeys(String tenantId);
}
