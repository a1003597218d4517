package dev.comanda.activities.notification;

import dev.comanda.persistence.notification.NotificationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends the e-mails the API queues about accounts (a customer's sign-in code, a staff invitation, a
 * password reset): every {@code interval} it claims what is due, sends each through the same
 * {@link EmailSender} as an order's e-mails, and marks it SENT (its text, and the code in it, cleared)
 * or FAILED (tried again next time, until the e-mail expires, then EXPIRED). The claim is the
 * notifications' one: a conditional update with a lease, so any number of workers may run it and each
 * e-mail is sent by one of them. Runs when the application enables scheduling, as the reservation
 * sweeper does.
 */
@Component
class AccountEmailRelay implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AccountEmailRelay.class);

    private final NotificationRepository emails;
    private final EmailSender sender;
    private final NotificationProperties properties;

    AccountEmailRelay(NotificationRepository emails, EmailSender sender, NotificationProperties properties) {
        this.emails = emails;
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        var relaying = properties.accountEmails();
        RelayPasses.schedule(
                registrar, relaying.enabled(), relaying.interval(), this::relay, log, "account e-mail relay");
    }

    /** One pass: expires what is overdue, then sends what is due; answers how many it sent. */
    int relay() {
        var expired = emails.expireAccountEmails();
        if (expired > 0) {
            log.warn("{} account e-mail(s) expired before they could be sent", expired);
        }
        int sent = 0;
        for (var messageId : emails.dueAccountEmails(properties.accountEmails().batchSize(), properties.claimLease())) {
            var claimed = emails.claimAccountEmail(messageId, properties.claimLease());
            if (claimed.isEmpty()) {
                // Another relay has it, or sent it a moment ago.
                continue;
            }
            var message = claimed.get();
            try {
                sender.send(message.recipient(), new NotificationMessages.Message(message.subject(), message.body()));
            } catch (RuntimeException e) {
                emails.markAccountEmailFailed(messageId, e.toString());
                log.warn(
                        "account e-mail {} ({}) not sent, tried again later: {}",
                        messageId,
                        message.kind(),
                        e.toString());
                continue;
            }
            emails.markAccountEmailSent(messageId);
            sent++;
        }
        return sent;
    }
}
