package dev.comanda.activities.reconciliation;

import dev.comanda.inventory.InventoryActivities;
import dev.comanda.notification.NotificationActivities;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderReadModelActivities;
import dev.comanda.order.OrderSearchAttributes;
import dev.comanda.order.OrderWorkflowImpl;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.reconciliation.OrderRetryActivities;
import dev.comanda.reconciliation.OrderRetryWorkflowImpl;
import dev.comanda.reconciliation.ReconciliationActivities;
import dev.comanda.reconciliation.ReconciliationContract;
import dev.comanda.reconciliation.ReconciliationWorkflowImpl;
import dev.comanda.sync.ExternalSyncActivities;
import dev.comanda.testing.TemporalDevServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * Every activity bean as the workers wire them, on a real Temporal dev server with a worker per task
 * queue: order workflows run for real, so a test can lose one and watch the reconciliation end it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan({"dev.comanda.activities", "dev.comanda.persistence"})
class ReconciliationStack {

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean(destroyMethod = "close")
    TemporalDevServer temporalDevServer() {
        return TemporalDevServer.start(OrderSearchAttributes.registrations());
    }

    @Bean
    WorkflowClient workflowClient(TemporalDevServer server) {
        return server.client();
    }

    @Bean(destroyMethod = "shutdownNow")
    WorkerFactory workers(
            WorkflowClient client,
            OrderReadModelActivities readModel,
            InventoryActivities inventory,
            PaymentActivities payments,
            NotificationActivities notifications,
            ExternalSyncActivities sync,
            ReconciliationActivities reconciliation,
            OrderRetryActivities retries) {
        var factory = WorkerFactory.newInstance(client);
        var orders = factory.newWorker(OrderContract.ORDERS_TASK_QUEUE);
        orders.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
        orders.registerActivitiesImplementations(readModel, inventory, payments);
        factory.newWorker(OrderContract.PAYMENTS_TASK_QUEUE).registerActivitiesImplementations(payments);
        factory.newWorker(OrderContract.NOTIFICATIONS_TASK_QUEUE).registerActivitiesImplementations(notifications);
        factory.newWorker(OrderContract.EXTERNAL_SYNC_TASK_QUEUE).registerActivitiesImplementations(sync);
        var runs = factory.newWorker(ReconciliationContract.TASK_QUEUE);
        runs.registerWorkflowImplementationTypes(ReconciliationWorkflowImpl.class, OrderRetryWorkflowImpl.class);
        runs.registerActivitiesImplementations(reconciliation, retries);
        factory.start();
        return factory;
    }
}
