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
 */
@ConfigurationProperties("comanda.notifications")
public record NotificationProperties(
        @DefaultValue Email email,
        @DefaultValue("2s") Duration webhookConnectTimeout,
        @DefaultValue("10s") Duration webhookReadTimeout,
        @DefaultValue("40s") Duration claimLease,
        @DefaultValue AccountEmailRelaying accountEmails) {

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

    public enum Mode {
        LOG,
        SMTP
    }
}
