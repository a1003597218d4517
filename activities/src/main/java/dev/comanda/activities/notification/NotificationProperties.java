package dev.comanda.activities.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code comanda.notifications.*} (env {@code COMANDA_NOTIFICATIONS_*}).
 *
 * @param email how customer and restaurant emails leave
 * @param webhookConnectTimeout TCP connect timeout of a restaurant webhook
 * @param webhookReadTimeout how long a restaurant webhook may take to answer
 * @param claimLease how long a send in progress holds its row; a retry after that assumes the sender died.
 *     Just above the notification activity's 30 s start-to-close timeout: no live attempt outlasts it, so
 *     a longer lease only keeps the order of a worker killed mid-send waiting (the worker-kill fault run
 *     saw three such orders still open a minute and a half after the load, with a 2 minute lease)
 * @param accountEmails the relay of e-mails about accounts (sign-in codes, invitations, password resets)
 * @param outbox the relay of the notifications the read model queues in the outbox (every notice of an order)
 */
@ConfigurationProperties("comanda.notifications")
public record NotificationProperties(
        @DefaultValue Email email,
        @DefaultValue("2s") Duration webhookConnectTimeout,
        @DefaultValue("10s") Duration webhookReadTimeout,
        @DefaultValue("40s") Duration claimLease,
        @DefaultValue AccountEmailRelaying accountEmails,
        @DefaultValue OutboxRelaying outbox) {

    /**
     * @param mode LOG (default; logs and records, no SMTP: the local stack) or SMTP (sends through
     *     {@code spring.mail.*}); env {@code COMANDA_NOTIFICATIONS_EMAIL_MODE}
     * @param from sender address ({@code COMANDA_NOTIFICATIONS_EMAIL_FROM})
     */
    public record Email(
            @DefaultValue("log") Mode mode,
            @DefaultValue("orders@comanda.local") String from) {}

    /**
     * The relay that sends the e-mails the API queues about accounts
     * ({@code COMANDA_NOTIFICATIONS_ACCOUNT_EMAILS_*}).
     *
     * @param enabled whether this worker relays them (any number may: each e-mail is claimed by one)
     * @param interval how often it looks for new ones: a one-time code waits at most this long to leave
     * @param batchSize e-mails sent per look at most
     */
    public record AccountEmailRelaying(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") Duration interval,
            @DefaultValue("50") int batchSize) {}

    /**
     * The relay of {@code notification_outbox} ({@code COMANDA_NOTIFICATIONS_OUTBOX_*}): the worker whose read-model
     * write queued a notification sends it as soon as that write commits; every worker's poll sends what such a
     * send missed (the worker died first, or a recipient failed), on the backoff the notification activity had.
     *
     * @param enabled whether this worker polls for rows to send (any number may: each row is claimed by one);
     *     the send right after the commit happens either way
     * @param interval how often it polls: the longest a row a dead worker left waits, past {@code initialBackoff}
     * @param batchSize rows sent per poll at most
     * @param senders threads sending right after a commit; a send they have no room for is left to the poll
     * @param initialBackoff the wait before the first retry, doubled after each failed attempt; also how long
     *     the poll leaves a new row to the send of the worker that wrote it
     * @param maxBackoff the longest wait between two attempts
     * @param giveUpAfter how long after it was queued a notification is still tried; then it is marked GAVE_UP
     *     (its payload cleared) and logged
     * @param retention how long a row is kept once it ended (SENT, GAVE_UP or ERASED, none with a payload left);
     *     the poll then deletes it. Longer than any repeat of the read-model write that queued it: a row
     *     deleted earlier would be queued again by such a repeat
     */
    public record OutboxRelaying(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5s") Duration interval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("2") int senders,
            @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("1h") Duration giveUpAfter,
            @DefaultValue("7d") Duration retention) {

        /** The defaults, for code that builds the properties itself (tests, the benchmark's floor). */
        public static final OutboxRelaying DEFAULTS = new OutboxRelaying(
                true,
                Duration.ofSeconds(5),
                50,
                2,
                Duration.ofSeconds(2),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofDays(7));
    }

    public enum Mode {
        LOG,
        SMTP
    }
}
