package dev.comanda.activities.notification;

import dev.comanda.notification.NotificationActivities.Notification;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.observability.ComandaMetrics;
import dev.comanda.observability.ComandaMetrics.NotificationOutcome;
import dev.comanda.persistence.notification.NotificationOutbox;
import dev.comanda.persistence.notification.NotificationOutbox.Claimed;
import dev.comanda.persistence.notification.NotificationOutbox.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the notifications the read model queues in {@code notification_outbox} (every notice of an order),
 * with the guarantees the notification activity gave them: each recipient once ({@link NotificationDelivery}),
 * retried on a backoff (2 s doubling to 5 min, by default) for an hour after it was queued, then
 * given up, marked so and logged.
 *
 * <ul>
 *   <li><b>At once:</b> the transaction that queued a row publishes {@link NotificationOutbox.Queued}; once it
 *       commits, this worker hands the row to a few sender threads, so a notification leaves within
 *       milliseconds of the status it announces, as the activity's did.
 *   <li><b>Safety net:</b> every {@code interval} it sends the rows such a send missed — its worker died
 *       between the commit and the send, its sender threads were full, or a recipient failed and the row's
 *       next attempt is due — and gives up the rows an hour old.
 *   <li><b>Retention:</b> the same poll deletes the rows that ended (SENT, GAVE_UP or ERASED) longer ago than
 *       {@code retention} (7 days), {@value #DELETES_PER_STATEMENT} per statement until none are left.
 * </ul>
 *
 * Each send's outcome is counted ({@code comanda_notifications_total} by kind and outcome: sent, failed,
 * gave_up), for the dashboard and the alerts. Every send claims its row first with a lease (a conditional
 * update), so any number of workers run both paths and each row is sent by one of them at a time. Runs its
 * poll when the application enables scheduling, as the account e-mails' relay does.
 */
@Component
class NotificationOutboxRelay implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NotificationOutboxRelay.class);
    /** Sends waiting for a sender thread at most; a burst beyond it waits for the poll. */
    private static final int WAITING_SENDS = 1000;
    /** Ended rows one delete statement takes at most: each holds its locks briefly, whatever the backlog. */
    static final int DELETES_PER_STATEMENT = 500;

    private final NotificationOutbox outbox;
    private final NotificationDelivery delivery;
    private final NotificationProperties properties;
    private final JsonMapper json;
    private final ComandaMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private final ThreadPoolExecutor senders;

    NotificationOutboxRelay(
            NotificationOutbox outbox,
            NotificationDelivery delivery,
            NotificationProperties properties,
            JsonMapper json,
            ComandaMetrics metrics) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.properties = properties;
        this.json = json;
        this.metrics = metrics;
        var threads = Math.max(1, properties.outbox().senders());
        this.senders = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(WAITING_SENDS),
                Thread.ofPlatform().name("outbox-sender-", 0).daemon().factory(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        var relaying = properties.outbox();
        RelayPasses.schedule(
                registrar, relaying.enabled(), relaying.interval(), this::relay, log, "notification outbox relay");
    }

    /** After the commit of the transaction that queued the row (never on a rollback: then there is no row). */
    @TransactionalEventListener
    void queued(NotificationOutbox.Queued queued) {
        sendSoon(queued.key());
    }

    /** Hands the row to a sender thread; when they are all busy and the queue is full, the poll sends it. */
    void sendSoon(Key key) {
        try {
            senders.execute(() -> {
                try {
                    send(key);
                } catch (RuntimeException e) {
                    // The row stays as it was (PENDING, or SENDING until its lease runs out): the poll sends it.
                    log.warn("outbox send of {} {} failed, left to the poll", key.kind(), key.orderId(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("outbox senders busy: {} {} left to the poll", key.kind(), key.orderId());
        }
    }

    /**
     * One poll: gives up what is overdue, sends what is due, then deletes what ended longer ago than the
     * retention; answers how many it sent.
     */
    int relay() {
        var relaying = properties.outbox();
        var now = clock.instant();
        for (var key : outbox.giveUpOverdue(
                now.minus(relaying.giveUpAfter()), properties.claimLease(), relaying.batchSize())) {
            counted(key, NotificationOutcome.GAVE_UP);
            log.error(
                    "notification {} of order {} (tenant {}) gave up: not sent within {} of its queueing",
                    key.kind(),
                    key.orderId(),
                    key.tenantId(),
                    relaying.giveUpAfter());
        }
        int sent = 0;
        for (var key :
                outbox.due(now.minus(relaying.initialBackoff()), properties.claimLease(), relaying.batchSize())) {
            if (send(key)) {
                sent++;
            }
        }
        deleteEnded(now.minus(relaying.retention()));
        return sent;
    }

    /** Deletes the rows that ended before {@code endedBefore}, a statement at a time until one finds fewer. */
    private void deleteEnded(Instant endedBefore) {
        int deleted = 0;
        int batch;
        do {
            batch = outbox.deleteEnded(endedBefore, DELETES_PER_STATEMENT);
            deleted += batch;
        } while (batch == DELETES_PER_STATEMENT);
        if (deleted > 0) {
            log.debug("notification outbox: deleted {} rows that ended before {}", deleted, endedBefore);
        }
    }

    /** Claims the row and sends it; answers whether this call sent it (false: not due, held, or it failed). */
    boolean send(Key key) {
        var claimed = outbox.claim(key, properties.claimLease());
        if (claimed.isEmpty()) {
            return false;
        }
        var row = claimed.get();
        try {
            delivery.deliver(json.readValue(row.payload(), Notification.class));
        } catch (RuntimeException e) {
            failed(row, e);
            return false;
        }
        outbox.markSent(key);
        counted(key, NotificationOutcome.SENT);
        return true;
    }

    /** Tried again after the backoff of its attempts, no later than its deadline; past it, given up. */
    private void failed(Claimed row, RuntimeException e) {
        var key = row.key();
        var deadline = row.createdAt().plus(properties.outbox().giveUpAfter());
        var now = clock.instant();
        if (!now.isBefore(deadline)) {
            outbox.markGaveUp(key, e.getMessage());
            counted(key, NotificationOutcome.GAVE_UP);
            log.error(
                    "notification {} of order {} (tenant {}) gave up after {} attempts in {}",
                    key.kind(),
                    key.orderId(),
                    key.tenantId(),
                    row.attempts(),
                    properties.outbox().giveUpAfter());
            return;
        }
        var next = now.plus(backoff(row.attempts()));
        var at = next.isAfter(deadline) ? deadline : next;
        outbox.markFailed(key, e.getMessage(), at);
        counted(key, NotificationOutcome.FAILED);
        log.warn(
                "notification {} of order {} not delivered (attempt {}), tried again at {}",
                key.kind(),
                key.orderId(),
                row.attempts(),
                at);
    }

    private void counted(Key key, NotificationOutcome outcome) {
        metrics.notificationRelayed(NotificationKind.valueOf(key.kind()), outcome);
    }

    /** The activity's retry policy: the initial interval, doubled after each attempt, capped. */
    Duration backoff(int attempts) {
        var relaying = properties.outbox();
        var wait = relaying.initialBackoff();
        for (int i = 1; i < attempts && wait.compareTo(relaying.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(relaying.maxBackoff()) < 0 ? wait : relaying.maxBackoff();
    }

    @Override
    public void destroy() throws InterruptedException {
        // What is left is in the table: another worker's poll, or this one's next start, sends it.
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.SECONDS);
    }
}
