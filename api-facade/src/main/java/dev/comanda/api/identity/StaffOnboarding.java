package dev.comanda.api.identity;

import dev.comanda.api.error.ApiException;
import dev.comanda.api.error.TooManyAttempts;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.identity.OneTimeCodes.Purpose;
import dev.comanda.persistence.identity.StaffAccounts;
import dev.comanda.persistence.identity.StaffAccounts.StaffAccount;
import dev.comanda.persistence.identity.StaffAccounts.StaffRole;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Passwords chosen by their owners, never by an admin: an invitation (the account without a password
 * and a one-time code by e-mail, with which the invitee chooses one and is signed in) and a reset (a
 * code by e-mail to the account's address, with which a new password replaces the old and every session
 * of the account ends). A reset is asked for by e-mail address: every address gets the same answer, and
 * only an enabled account's gets a code.
 */
@Service
class StaffOnboarding {

    private final StaffAccounts accounts;
    private final EmailCodes codes;
    private final CodeThrottle throttle;
    private final StaffSessions sessions;
    private final LoginThrottle logins;
    private final PasswordEncoder passwords;

    StaffOnboarding(
            StaffAccounts accounts,
            EmailCodes codes,
            CodeThrottle throttle,
            StaffSessions sessions,
            LoginThrottle logins,
            PasswordEncoder passwords) {
        this.accounts = accounts;
        this.codes = codes;
        this.throttle = throttle;
        this.sessions = sessions;
        this.logins = logins;
        this.passwords = passwords;
    }

    /** A new account without a password, and its invitation by e-mail; empty when the e-mail is taken. */
    Optional<StaffAccount> invite(String tenantId, String email, String name, StaffRole role) {
        var account = accounts.create(tenantId, email, name, role, null);
        account.ifPresent(this::sendInvitation);
        return account;
    }

    /** A new invitation code for an account that has not chosen its password yet (older codes stop working). */
    void reinvite(StaffAccount account) {
        if (account.disabled()) {
            throw new ApiException(HttpStatus.CONFLICT, "the account is disabled");
        }
        if (account.passwordHash() != null) {
            throw new ApiException(HttpStatus.CONFLICT, "the account has chosen its password already");
        }
        sendInvitation(account);
    }

    /**
     * The invitee chooses a password with the code of the invitation, and is signed in. 401 for a wrong,
     * used or expired code (the same for an address with no invitation), 429 once the code is out of tries.
     */
    StaffSessions.Tokens acceptInvitation(String tenantId, String email, String code, String password) {
        var address = StaffAccounts.normalized(email);
        codes.use(tenantId, Purpose.STAFF_INVITATION, address, code);
        var account = accounts.findByEmail(tenantId, address)
                .filter(found -> !found.disabled() && found.passwordHash() == null)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, EmailCodes.WRONG_CODE));
        accounts.setPassword(tenantId, account.id(), passwords.encode(password));
        return sessions.start(accounts.find(tenantId, account.id()).orElseThrow());
    }

    /** E-mails a reset code to the address when it is an enabled account's; nothing otherwise; the same answer. */
    void requestReset(String tenantId, String email, String source) {
        var address = StaffAccounts.normalized(email);
        throttle.request(tenantId, Purpose.PASSWORD_RESET.name(), address, source)
                .ifPresent(wait -> {
                    throw new TooManyAttempts("too many codes asked for; try again later", wait.toSeconds());
                });
        var account = OrderContract.isTenantId(tenantId)
                ? accounts.findByEmail(tenantId, address).filter(found -> !found.disabled())
                : Optional.<StaffAccount>empty();
        if (account.isPresent()) {
            codes.send(
                    tenantId,
                    Purpose.PASSWORD_RESET,
                    address,
                    new AccountEmailTexts.Addressee(account.get().name(), null));
        } else {
            codes.sendNothing();
        }
    }

    /**
     * A new password with the code of a reset: every session and access token of the account ends, and
     * the account's failed logins are forgotten. 401 for a wrong, used or expired code; 429 out of tries.
     */
    void reset(String tenantId, String email, String code, String newPassword) {
        var address = StaffAccounts.normalized(email);
        codes.use(tenantId, Purpose.PASSWORD_RESET, address, code);
        var account = accounts.findByEmail(tenantId, address)
                .filter(found -> !found.disabled())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, EmailCodes.WRONG_CODE));
        accounts.setPassword(tenantId, account.id(), passwords.encode(newPassword));
        sessions.endEverySession(tenantId, account.id());
        logins.succeeded(tenantId, address);
    }

    private void sendInvitation(StaffAccount account) {
        codes.send(
                account.tenantId(),
                Purpose.STAFF_INVITATION,
                account.email(),
                new AccountEmailTexts.Addressee(account.name(), account.role().name()));
    }
}
