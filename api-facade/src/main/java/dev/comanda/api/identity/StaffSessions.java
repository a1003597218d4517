package dev.comanda.api.identity;

import dev.comanda.api.error.ApiException;
import dev.comanda.api.error.TooManyAttempts;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.identity.StaffAccounts;
import dev.comanda.persistence.identity.StaffAccounts.StaffAccount;
import dev.comanda.persistence.identity.StaffRefreshTokens;
import dev.comanda.persistence.identity.StaffRefreshTokens.Issued;
import dev.comanda.persistence.identity.StaffRefreshTokens.Refused;
import dev.comanda.persistence.identity.StaffRefreshTokens.Reused;
import dev.comanda.persistence.identity.StaffRefreshTokens.Rotated;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Staff sign-in: login with e-mail and password, refresh (rotating the refresh token, reuse ending the
 * session), logout, and what a person does with their own sessions and password. Every refusal of a
 * login reads the same and takes as long (the encoder runs for unknown e-mails too), so answers tell
 * nobody which addresses have accounts.
 */
@Service
class StaffSessions {

    static final String WRONG_LOGIN = "e-mail or password is wrong";
    static final String BAD_REFRESH = "the refresh token is invalid, expired or revoked";

    /** What a login or refresh answers. {@link #toString()} leaves the tokens out of any log. */
    record Tokens(String accessToken, String tokenType, long expiresIn, String refreshToken, Instant refreshExpiresAt) {

        @Override
        public String toString() {
            return "Tokens[expiresIn=" + expiresIn + ", refreshExpiresAt=" + refreshExpiresAt + "]";
        }
    }

    private final StaffAccounts accounts;
    private final StaffRefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final SessionDenylist denylist;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwords;
    private final IdentityProperties properties;
    /** Checked against when the e-mail is unknown, so that costs what a wrong password costs. */
    private final String decoyHash;

    StaffSessions(
            StaffAccounts accounts,
            StaffRefreshTokens refreshTokens,
            AccessTokens accessTokens,
            SessionDenylist denylist,
            LoginThrottle throttle,
            PasswordEncoder passwords,
            IdentityProperties properties) {
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.denylist = denylist;
        this.throttle = throttle;
        this.passwords = passwords;
        this.properties = properties;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    Tokens login(String tenantId, String email, String password, String source) {
        var address = StaffAccounts.normalized(email);
        var wait = throttle.blocked(tenantId, address, source);
        if (wait.isPresent()) {
            throw new TooManyAttempts(
                    "too many failed logins; try again later", wait.get().toSeconds());
        }
        var account = OrderContract.isTenantId(tenantId)
                ? accounts.findByEmail(tenantId, address)
                : java.util.Optional.<StaffAccount>empty();
        var hash = account.map(StaffAccount::passwordHash).orElse(null);
        var matches = passwords.matches(password, hash == null ? decoyHash : hash);
        if (!matches || hash == null || account.get().disabled()) {
            throttle.failed(tenantId, address, source);
            throw new ApiException(HttpStatus.UNAUTHORIZED, WRONG_LOGIN);
        }
        throttle.succeeded(tenantId, address);
        return tokens(account.get(), refreshTokens.start(account.get().id(), properties.refreshTokenTtl()));
    }

    /** A new session of an account that proved itself another way (an invitation's code): its first tokens. */
    Tokens start(StaffAccount account) {
        return tokens(account, refreshTokens.start(account.id(), properties.refreshTokenTtl()));
    }

    Tokens refresh(String refreshToken) {
        var rotation = refreshTokens.rotate(refreshToken, properties.refreshTokenTtl());
        return switch (rotation) {
            case Rotated rotated -> {
                var account = accounts.sessionOwner(rotated.next().staffId())
                        .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, BAD_REFRESH));
                yield tokens(account, rotated.next());
            }
            case Reused reused -> {
                // Someone else holds a token of this session: end it for both, access tokens included.
                denylist.endSession(reused.familyId());
                throw new ApiException(HttpStatus.UNAUTHORIZED, BAD_REFRESH);
            }
            case Refused refused -> throw new ApiException(HttpStatus.UNAUTHORIZED, BAD_REFRESH);
        };
    }

    /** Ends the refresh token's session, if it has one; the same answer either way. */
    void logout(String refreshToken) {
        refreshTokens.familyOf(refreshToken).ifPresent(this::end);
    }

    List<StaffRefreshTokens.Session> sessions(StaffAuthentication caller) {
        return refreshTokens.sessions(caller.staffId());
    }

    boolean endSession(StaffAuthentication caller, String sessionId) {
        if (!refreshTokens.revokeSession(caller.staffId(), sessionId)) {
            return false;
        }
        denylist.endSession(sessionId);
        return true;
    }

    /** A new password for the caller, who proves the current one; every other session ends. */
    void changePassword(StaffAuthentication caller, String current, String next) {
        var account = accounts.find(caller.getPrincipal().tenantId(), caller.staffId())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "the account is gone"));
        if (account.passwordHash() == null || !passwords.matches(current, account.passwordHash())) {
            throw ApiException.invalidField("currentPassword", "is wrong");
        }
        accounts.setPassword(account.tenantId(), account.id(), passwords.encode(next));
        endEverySession(account.tenantId(), account.id());
    }

    /** Stops every session and access token of an account (disabled, role or password changed). */
    void endEverySession(String tenantId, long staffId) {
        refreshTokens.revokeAll(staffId);
        accounts.find(tenantId, staffId).ifPresent(account -> denylist.accountChanged(staffId, account.changedAt()));
    }

    /** The account's access tokens issued before its last change stop; its sessions go on (role change). */
    void accountChanged(String tenantId, long staffId) {
        accounts.find(tenantId, staffId).ifPresent(account -> denylist.accountChanged(staffId, account.changedAt()));
    }

    private void end(String familyId) {
        refreshTokens.revokeFamily(familyId);
        denylist.endSession(familyId);
    }

    private Tokens tokens(StaffAccount account, Issued refresh) {
        return new Tokens(
                accessTokens.issue(account, refresh.familyId()),
                "Bearer",
                properties.accessTokenTtl().toSeconds(),
                refresh.token(),
                refresh.expiresAt());
    }
}
