package dev.comanda.worker;

import dev.comanda.erasure.CustomerErasureWorkflowImpl;
import dev.comanda.erasure.ErasureActivities;
import dev.comanda.erasure.TenantOffboardingWorkflowImpl;
import dev.comanda.inventory.InventoryActivities;
import dev.comanda.notification.NotificationActivities;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderReadModelActivities;
import dev.comanda.order.OrderWorkflowImpl;
import dev.comanda.payment.PaymentActivities;
import dev.comanda.reconciliation.OrderRetryActivities;
import dev.comanda.reconciliation.OrderRetryWorkflowImpl;
import dev.comanda.reconciliation.ReconciliationActivities;
import dev.comanda.reconciliation.ReconciliationContract;
import dev.comanda.reconciliation.ReconciliationWorkflowImpl;
import dev.comanda.sync.ExternalSyncActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One Temporal worker per configured task queue, started once the application is ready and drained on
 * shutdown: pollers stop taking work, in-flight tasks get {@code shutdownTimeout} to finish, and what
 * does not finish is retried by Temporal on another worker.
 */
@Component
class OrderWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderWorkers.class);

    private final WorkflowClient client;
    private final WorkerProperties properties;
    private final ObjectProvider<OrderReadModelActivities> readModel;
    private final ObjectProvider<InventoryActivities> inventory;
    private final ObjectProvider<PaymentActivities> payments;
    private final ObjectProvider<NotificationActivities> notifications;
    private final ObjectProvider<ExternalSyncActivities> externalSync;
    private final ObjectProvider<WorkerInterceptor> interceptors;
    private final ObjectProvider<ReconciliationActivities> reconciliation;
    private final ObjectProvider<OrderRetryActivities> retries;
    private final ObjectProvider<ErasureActivities> erasure;
    private WorkerFactory factory;

    OrderWorkers(
            WorkflowClient client,
            WorkerProperties properties,
            ObjectProvider<OrderReadModelActivities> readModel,
            ObjectProvider<InventoryActivities> inventory,
            ObjectProvider<PaymentActivities> payments,
            ObjectProvider<NotificationActivities> notifications,
            ObjectProvider<ExternalSyncActivities> externalSync,
            ObjectProvider<WorkerInterceptor> interceptors,
            ObjectProvider<ReconciliationActivities> reconciliation,
            ObjectProvider<OrderRetryActivities> retries,
            ObjectProvider<ErasureActivities> erasure) {
        this.erasure = erasure;
        this.client = client;
        this.properties = properties;
        this.readModel = readModel;
        this.inventory = inventory;
        this.payments = payments;
        this.notifications = notifications;
        this.externalSync = externalSync;
        this.interceptors = interceptors;
        this.reconciliation = reconciliation;
        this.retries = retries;
    }

    @Override
    public void start() {
        factory = WorkerFactory.newInstance(
                client,
                WorkerFactoryOptions.newBuilder()
                        .setWorkflowCacheSize(properties.workflowCacheSize())
                        .setUsingVirtualWorkflowThreads(properties.virtualThreads())
                        // The log context of activities (observability module) and any other interceptor bean.
                        .setWorkerInterceptors(interceptors.orderedStream().toArray(WorkerInterceptor[]::new))
                        .build());
        for (var queue : properties.queues()) {
            register(factory.newWorker(queue, options(properties.concurrencyOf(queue), properties)), queue);
        }
        factory.start();
        log.info(
                "polling task queues {} ({})",
                properties.queues(),
                properties
                        .deploymentOptions()
                        .map(d -> "versioned as " + d.getVersion())
                        .orElse("unversioned"));
    }

    private void register(Worker worker, String queue) {
        switch (queue) {
            case OrderContract.ORDERS_TASK_QUEUE -> {
                worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
                // Local activities run on the worker that runs the workflow: the read model, inventory, the charge.
                worker.registerActivitiesImplementations(
                        readModel.getObject(), inventory.getObject(), payments.getObject());
            }
            case OrderContract.PAYMENTS_TASK_QUEUE -> worker.registerActivitiesImplementations(payments.getObject());
            case OrderContract.NOTIFICATIONS_TASK_QUEUE ->
                worker.registerActivitiesImplementations(notifications.getObject());
            case OrderContract.EXTERNAL_SYNC_TASK_QUEUE ->
                worker.registerActivitiesImplementations(externalSync.getObject());
            case ReconciliationContract.TASK_QUEUE -> {
                // Customers' erasures and tenants' offboardings (docs/personal-data.md) run here too: ops work,
                // rare, never in an order's way.
                worker.registerWorkflowImplementationTypes(
                        ReconciliationWorkflowImpl.class,
                        OrderRetryWorkflowImpl.class,
                        CustomerErasureWorkflowImpl.class,
                        TenantOffboardingWorkflowImpl.class);
                worker.registerActivitiesImplementations(
                        reconciliation.getObject(), retries.getObject(), erasure.getObject());
            }
            default -> throw new IllegalArgumentException("unknown task queue in comanda.worker.queues: " + queue);
        }
    }

    private static WorkerOptions options(WorkerProperties.Concurrency c, WorkerProperties properties) {
        var options = WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(properties.stickyScheduleToStart())
                .setMaxConcurrentWorkflowTaskExecutionSize(c.workflowTasks())
                .setMaxConcurrentActivityExecutionSize(c.activities())
                .setMaxConcurrentLocalActivityExecutionSize(c.localActivities())
                .setMaxConcurrentWorkflowTaskPollers(Math.max(2, c.pollers()))
                .setMaxConcurrentActivityTaskPollers(c.pollers())
                .setUsingVirtualThreads(properties.virtualThreads());
        // Every queue of the process joins the same deployment version: a pinned order's activities stay on its build.
        properties.deploymentOptions().ifPresent(options::setDeploymentOptions);
        return options.build();
    }

    @Override
    public void stop() {
        if (factory == null) {
            return;
        }
        factory.shutdown();
        factory.awaitTermination(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        log.info("workers stopped ({})", factory.isTerminated() ? "drained" : "timed out; Temporal retries the rest");
        factory = null;
    }

    @Override
    public boolean isRunning() {
        return factory != null;
    }
}
