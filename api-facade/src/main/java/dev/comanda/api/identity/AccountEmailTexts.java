package dev.comanda.api.identity;

import dev.comanda.persistence.identity.OneTimeCodes.Purpose;
import dev.comanda.persistence.notification.NotificationRepository.AccountEmailKind;
import java.time.Duration;

/** The plain-text e-mails that carry one-time codes: what each says, in the restaurant's name. */
final class AccountEmailTexts {

    /** An e-mail's kind (its notifications row's), subject and text. */
    record Text(AccountEmailKind kind, String subject, String body) {

        @Override
        public String toString() {
            return "Text[kind=" + kind + "]";
        }
    }

    /** Who the e-mail is for, when the restaurant knows them (an invited person's name and role). */
    record Addressee(String name, String role) {

        static final Addressee UNKNOWN = new Addressee(null, null);
    }

    private AccountEmailTexts() {}

    static Text of(
            Purpose purpose,
            String restaurant,
            String tenantId,
            String email,
            String code,
            Duration ttl,
            Addressee addressee) {
        var greeting = addressee.name() == null ? "Hello," : "Hello " + addressee.name() + ",";
        var ignore = "If you did not ask for this, ignore this e-mail: nothing happens without the code.";
        return switch (purpose) {
            case CUSTOMER_SIGN_IN ->
                new Text(
                        AccountEmailKind.SIGN_IN_CODE,
                        "Your sign-in code for " + restaurant,
                        greeting + "\n\nYour code to sign in at " + restaurant + " is\n\n    " + code
                                + "\n\nIt works once," + " for " + readable(ttl) + ".\n\n" + ignore + "\n");
            case STAFF_INVITATION ->
                new Text(
                        AccountEmailKind.STAFF_INVITATION,
                        "You are invited to " + restaurant + " on Comanda",
                        greeting + "\n\n" + restaurant + " invited you to its team on Comanda"
                                + (addressee.role() == null ? "" : " (" + addressee.role() + ")") + ".\n\nChoose your"
                                + " password with this code, your e-mail (" + email + ") and the restaurant's ID ("
                                + tenantId + "):\n\n    " + grouped(code) + "\n\nIt works once, for " + readable(ttl)
                                + ".\n\n" + ignore + "\n");
            case PASSWORD_RESET ->
                new Text(
                        AccountEmailKind.PASSWORD_RESET,
                        "Reset your " + restaurant + " password",
                        greeting + "\n\nSomeone (you, we hope) asked to reset the password of " + email + " at "
                                + restaurant + " (" + tenantId + "). Your code is\n\n    " + grouped(code)
                                + "\n\nIt works once, for " + readable(ttl) + "; every session of the account ends"
                                + " when the password changes.\n\n" + ignore + "\n");
        };
    }

    /** {@code ABCDE-FGHJK}: easier to read off; the dash is optional when it is typed back. */
    private static String grouped(String code) {
        var half = code.length() / 2;
        return code.substring(0, half) + "-" + code.substring(half);
    }

    private static String readable(Duration ttl) {
        if (ttl.toDaysPart() > 0 && ttl.toHoursPart() == 0 && ttl.toMinutesPart() == 0) {
            return ttl.toDays() + (ttl.toDays() == 1 ? " day" : " days");
        }
        if (ttl.toHours() > 0 && ttl.toMinutesPart() == 0) {
            return ttl.toHours() + (ttl.toHours() == 1 ? " hour" : " hours");
        }
        var minutes = Math.max(1, ttl.toMinutes());
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
