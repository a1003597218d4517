package dev.comanda.activities.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text email through {@code spring.mail.*} in SMTP mode, or only logs it in LOG mode (the
 * local default), where no mail server exists. Either way the caller records the send.
 */
@Component
class EmailSender {

    private static final Logger LOG = LoggerFactory.getLogger(EmailSender.class);

    private final NotificationProperties.Email config;
    private final ObjectProvider<JavaMailSender> mail;

    EmailSender(NotificationProperties properties, ObjectProvider<JavaMailSender> mail) {
        this.config = properties.email();
        this.mail = mail;
    }

    void send(String to, NotificationMessages.Message message) {
        if (config.mode() == NotificationProperties.Mode.LOG) {
            LOG.info("email (log mode) to {}: {}\n{}", to, message.subject(), message.body());
            return;
        }
        var sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException(
                    "comanda.notifications.email.mode=smtp needs a mail server: set spring.mail.host (SPRING_MAIL_HOST)");
        }
        var email = new SimpleMailMessage();
        email.setFrom(config.from());
        email.setTo(to);
        email.setSubject(message.subject());
        email.setText(message.body());
        sender.send(email);
    }
}
