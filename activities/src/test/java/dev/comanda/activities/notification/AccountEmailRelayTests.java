package dev.comanda.activities.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.comanda.persistence.notification.NotificationRepository;
import dev.comanda.persistence.notification.NotificationRepository.AccountEmailKind;
import dev.comanda.testing.IntegrationDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The relay of account e-mails (one-time codes) on a real database and a real SMTP server: what the API
 * queued leaves once, its text (and code) is cleared once sent, an e-mail past its expiry is never sent,
 * and one the server refused is tried again.
 */
class AccountEmailRelayTests {

    private static final String TENANT = "relay-1";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static IntegrationDatabase db;
    private static NotificationRepository emails;

    @BeforeAll
    static void database() {
        db = IntegrationDatabase.create();
        emails = new NotificationRepository(db.jdbc());
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void aQueuedCodeIsSentOnceAndItsTextCleared() throws Exception {
        var id = emails.queueAccountEmail(
                TENANT,
                AccountEmailKind.SIGN_IN_CODE,
                "ana@example.com",
                "Your sign-in code",
                "Your code is 123456",
                Instant.now().plusSeconds(600));
        var relay = relay(SMTP.getSmtp().getPort());

        assertThat(relay.relay()).isPositive();
        relay.relay();

        var received = java.util.Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> GreenMailUtil.getHeaders(m).contains("ana@example.com"))
                .toArray(jakarta.mail.internet.MimeMessage[]::new);
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ana@example.com");
        assertThat(GreenMailUtil.getBody(received[0])).contains("123456");
        assertThat(row(id))
                .containsEntry("status", "SENT")
                .containsEntry("body", null)
                .containsEntry("kind", "SIGN_IN_CODE")
                .containsEntry("order_id", null);
    }

    @Test
    void anExpiredEmailIsNeverSentAndItsTextCleared() {
        var id = emails.queueAccountEmail(
                TENANT,
                AccountEmailKind.PASSWORD_RESET,
                "late@example.com",
                "Reset",
                "Your code is ABCDE-FGHJK",
                Instant.now().minusSeconds(1));

        relay(SMTP.getSmtp().getPort()).relay();

        assertThat(SMTP.getReceivedMessages()).noneMatch(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals("late@example.com");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(row(id)).containsEntry("status", "EXPIRED").containsEntry("body", null);
    }

    @Test
    void aRefusedSendIsTriedAgainByTheNextPass() {
        var id = emails.queueAccountEmail(
                TENANT,
                AccountEmailKind.STAFF_INVITATION,
                "cook@example.com",
                "Invited",
                "Your code is ABCDE-FGHJK",
                Instant.now().plusSeconds(600));

        var unreachable = relay(1);
        unreachable.relay();
        assertThat(row(id)).containsEntry("status", "FAILED");
        assertThat(row(id).get("body")).isNotNull();

        relay(SMTP.getSmtp().getPort()).relay();

        assertThat(row(id)).containsEntry("status", "SENT").containsEntry("body", null);
        assertThat(row(id).get("attempts")).isEqualTo(2);
    }

    private static AccountEmailRelay relay(int smtpPort) {
        var properties = new NotificationProperties(
                new NotificationProperties.Email(NotificationProperties.Mode.SMTP, "accounts@comanda.test"),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(40),
                new NotificationProperties.AccountEmailRelaying(true, Duration.ofSeconds(1), 50),
                NotificationProperties.OutboxRelaying.DEFAULTS);
        var mailSender = new JavaMailSenderImpl();
        mailSender.setHost("127.0.0.1");
        mailSender.setPort(smtpPort);
        var mail =
                new StaticListableBeanFactory(Map.of("mailSender", mailSender)).getBeanProvider(JavaMailSender.class);
        return new AccountEmailRelay(emails, new EmailSender(properties, mail), properties);
    }

    private static Map<String, Object> row(String messageId) {
        return db.jdbc()
                .sql("SELECT status, body, kind, order_id, attempts FROM notifications WHERE message_id = ?")
                .param(messageId)
                .query((rs, n) -> {
                    var row = new java.util.HashMap<String, Object>();
                    row.put("status", rs.getString("status"));
                    row.put("body", rs.getString("body"));
                    row.put("kind", rs.getString("kind"));
                    row.put("order_id", rs.getString("order_id"));
                    row.put("attempts", rs.getInt("attempts"));
                    return (Map<String, Object>) row;
                })
                .single();
    }
}
