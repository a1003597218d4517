package dev.comanda.api.identity;

import dev.comanda.api.error.ApiException;
import dev.comanda.api.error.TooManyAttempts;
import dev.comanda.persistence.identity.OneTimeCodes;
import dev.comanda.persistence.identity.OneTimeCodes.Exhausted;
import dev.comanda.persistence.identity.OneTimeCodes.None;
import dev.comanda.persistence.identity.OneTimeCodes.Purpose;
import dev.comanda.persistence.identity.OneTimeCodes.Taken;
import dev.comanda.persistence.notification.NotificationRepository;
import dev.comanda.persistence.tenant.TenantRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time codes by e-mail, for every purpose: a new code is drawn from a {@link SecureRandom}, stored
 * only as the password encoder's hash ({@link OneTimeCodes}) and sent through the notification path
 * ({@link NotificationRepository#queueAccountEmail}: a notifications row the workers' relay sends). Checking one takes a try of the
 * code first, then compares: a code is good once, until it expires, for {@code maxCodeTries} tries.
 * Every refusal reads the same and costs the same (the encoder runs against a decoy when there is no
 * code), so answers tell nobody whether a code was ever sent.
 */
@Service
class EmailCodes {

    static final String WRONG_CODE = "the code is wrong, used or expired";

    /** A customer types its code: six digits. */
    private static final int DIGITS = 6;
    /** Staff codes live longer (an invitation, days): ten characters of an alphabet without look-alikes. */
    private static final String STAFF_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static final int STAFF_CODE_LENGTH = 10;

    private final OneTimeCodes codes;
    private final NotificationRepository emails;
    private final TenantRepository tenants;
    private final PasswordEncoder passwords;
    private final IdentityProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final SecureRandom random = new SecureRandom();
    private final String decoyHash;

    EmailCodes(
            OneTimeCodes codes,
            NotificationRepository emails,
            TenantRepository tenants,
            PasswordEncoder passwords,
            IdentityProperties properties,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.codes = codes;
        this.emails = emails;
        this.tenants = tenants;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /**
     * Draws a code for the address, keeps its hash (the address's older codes of this purpose stop
     * working) and queues the e-mail that carries it, in one transaction: a code is never stored without
     * its e-mail, nor the other way round. The hash is computed before, outside the transaction.
     */
    void send(String tenantId, Purpose purpose, String email, AccountEmailTexts.Addressee addressee) {
        var code = draw(purpose);
        var hash = passwords.encode(code);
        var ttl = ttl(purpose);
        var restaurant = tenants.find(tenantId).map(t -> t.name()).orElse(tenantId);
        var text = AccountEmailTexts.of(purpose, restaurant, tenantId, email, code, ttl, addressee);
        transaction.executeWithoutResult(status -> {
            var expiresAt = codes.issue(tenantId, purpose, email, hash, ttl);
            emails.queueAccountEmail(tenantId, text.kind(), email, text.subject(), text.body(), expiresAt);
        });
    }

    /** Costs what {@link #send} costs in hashing, and sends nothing: for an address that gets no code. */
    void sendNothing() {
        passwords.encode(draw(Purpose.PASSWORD_RESET));
    }

    /**
     * Uses the address's code up when {@code code} is it; else 401 (wrong, used, expired, or none was
     * ever sent: one answer), or 429 once the code has had all its tries.
     */
    void use(String tenantId, Purpose purpose, String email, String code) {
        var given = normalized(purpose, code);
        switch (codes.takeTry(tenantId, purpose, email, properties.maxCodeTries())) {
            case Taken taken -> {
                if (!passwords.matches(given, taken.code().codeHash())
                        || !codes.use(taken.code().id())) {
                    throw new ApiException(HttpStatus.UNAUTHORIZED, WRONG_CODE);
                }
            }
            case Exhausted exhausted -> {
                passwords.matches(given, decoyHash);
                var left = Duration.between(clock.instant(), exhausted.expiresAt());
                throw new TooManyAttempts("too many tries of this code; ask for a new one", left.toSeconds());
            }
            case None none -> {
                passwords.matches(given, decoyHash);
                throw new ApiException(HttpStatus.UNAUTHORIZED, WRONG_CODE);
            }
        }
    }

    private Duration ttl(Purpose purpose) {
        return switch (purpose) {
            case CUSTOMER_SIGN_IN -> properties.signInCodeTtl();
            case STAFF_INVITATION -> properties.invitationTtl();
            case PASSWORD_RESET -> properties.passwordResetTtl();
        };
    }

    private String draw(Purpose purpose) {
        if (purpose == Purpose.CUSTOMER_SIGN_IN) {
            return String.format(Locale.ROOT, "%0" + DIGITS + "d", random.nextInt((int) Math.pow(10, DIGITS)));
        }
        var code = new StringBuilder(STAFF_CODE_LENGTH);
        for (int i = 0; i < STAFF_CODE_LENGTH; i++) {
            code.append(STAFF_ALPHABET.charAt(random.nextInt(STAFF_ALPHABET.length())));
        }
        return code.toString();
    }

    /** Staff codes are read off an e-mail: case and the dash of the grouping do not matter. */
    private static String normalized(Purpose purpose, String code) {
        return purpose == Purpose.CUSTOMER_SIGN_IN
                ? code
                : code.replace("-", "").toUpperCase(Locale.ROOT);
    }
}
