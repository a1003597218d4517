package dev.comanda.api.ops;

import dev.comanda.api.auth.ApiSliceTest;
import dev.comanda.api.identity.ActingParties;
import dev.comanda.api.temporal.TemporalCalls;
import dev.comanda.persistence.notification.NotificationOutbox;
import dev.comanda.persistence.ops.OpsLedger;
import dev.comanda.persistence.ops.OpsQueue;
import dev.comanda.persistence.ops.OrderEffects;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.pos.PosDevices;
import io.temporal.client.WorkflowClient;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The ops queue's controller with the real {@link OpsWorkflows} (its reading of Temporal's answers is
 * under test) and {@link TemporalCalls} (its bounds) over a mocked {@link WorkflowClient}, ledger, queue,
 * read model and notification outbox.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ApiSliceTest(OpsOrderController.class)
@Import({OpsWorkflows.class, TemporalCalls.class, ActingParties.class})
@MockitoBean(
        types = {
            WorkflowClient.class,
            OpsQueue.class,
            OpsLedger.class,
            OrderEffects.class,
            OrderQueries.class,
            NotificationOutbox.class,
            PosDevices.class
        })
@interface OpsSlice {}
