package dev.comanda.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) the end-to-end stack's workers send every e-mail to: order notices and
 * the one-time codes of sign-in, invitations and resets, which the tests read back here as a person reads
 * their mail. The relay sends an e-mail within a second of the API queueing it.
 */
final class Mailbox implements AutoCloseable {

    private static final Pattern CUSTOMER_CODE = Pattern.compile("(?m)^    ([0-9]{6})\\s*$");
    private static final Pattern STAFF_CODE = Pattern.compile("(?m)^    ([A-Z0-9]{5}-[A-Z0-9]{5})\\s*$");

    private final GreenMail server;

    private Mailbox(GreenMail server) {
        this.server = server;
    }

    static Mailbox start() {
        var server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new Mailbox(server);
    }

    int port() {
        return server.getSmtp().getPort();
    }

    /** The six digits of the newest sign-in e-mail to {@code email} received after {@code after}. */
    String awaitCustomerCode(String email, int after) {
        return awaitCode(email, after, CUSTOMER_CODE);
    }

    /** The code of the newest invitation or reset e-mail to {@code email} received after {@code after}. */
    String awaitStaffCode(String email, int after) {
        return awaitCode(email, after, STAFF_CODE);
    }

    /** How many e-mails {@code email} has received: pass it to an await to wait for the next one. */
    int count(String email) {
        return (int) Arrays.stream(server.getReceivedMessages())
                .filter(message -> to(message, email))
                .count();
    }

    /** Waits for an e-mail to {@code email} whose subject contains {@code subject} (an order's notice). */
    void awaitSubject(String email, String subject) {
        var deadline = Instant.now().plus(Orders.DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (Arrays.stream(server.getReceivedMessages())
                    .filter(message -> to(message, email))
                    .anyMatch(message -> subject(message).contains(subject))) {
                return;
            }
            LockSupport.parkNanos(50_000_000);
        }
        throw new AssertionError("no e-mail \"…" + subject + "…\" to " + email + " within " + Orders.DEADLINE);
    }

    private static String subject(MimeMessage message) {
        try {
            return Optional.ofNullable(message.getSubject()).orElse("");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String awaitCode(String email, int after, Pattern pattern) {
        var deadline = Instant.now().plus(Orders.DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            var newest = Arrays.stream(server.getReceivedMessages())
                    .filter(message -> to(message, email))
                    .skip(after)
                    .map(GreenMailUtil::getBody)
                    .map(body -> body.replace("=\r\n", "").replace("\r\n", "\n"))
                    .map(pattern::matcher)
                    .filter(java.util.regex.Matcher::find)
                    .map(matcher -> matcher.group(1))
                    .reduce((first, second) -> second);
            if (newest.isPresent()) {
                return newest.get();
            }
            LockSupport.parkNanos(50_000_000);
        }
        throw new AssertionError("no code e-mailed to " + email + " within " + Orders.DEADLINE);
    }

    private static boolean to(MimeMessage message, String email) {
        try {
            return Optional.ofNullable(message.getRecipients(Message.RecipientType.TO)).stream()
                    .flatMap(Arrays::stream)
                    .anyMatch(address -> address.toString().equalsIgnoreCase(email));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
