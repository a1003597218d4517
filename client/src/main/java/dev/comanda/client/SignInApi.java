package dev.comanda.client;

import dev.comanda.client.Identity.CodeSent;
import dev.comanda.client.Identity.CustomerTokens;
import dev.comanda.client.Identity.Session;
import dev.comanda.client.Identity.Tokens;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * {@code /api/v1/auth}: a person's login, refresh and logout (no bearer token: the password or refresh
 * token is the credential), an invitation's and a password reset's e-mailed codes, and, as a signed-in
 * person, their sessions and password; a customer's sign-in by e-mailed code.
 */
public final class SignInApi {

    private static final String AUTH = Transport.API + "/auth";

    private final Transport transport;
    private final String token;

    SignInApi(Transport transport, String token) {
        this.transport = transport;
        this.token = token;
    }

    /** Logs in; 401 for an unknown e-mail, a wrong password or a disabled account alike, 429 when throttled. */
    public Tokens login(String tenant, String email, String password) {
        return transport.call(
                "POST",
                AUTH + "/login",
                Transport.headers(null),
                Map.of("tenant", tenant, "email", email, "password", password),
                Tokens.class);
    }

    /** The next tokens of the session; {@code refreshToken} is used up (a second use ends the session). */
    public Tokens refresh(String refreshToken) {
        return transport.call(
                "POST", AUTH + "/refresh", Transport.headers(null), Map.of("refreshToken", refreshToken), Tokens.class);
    }

    /** Ends the refresh token's session, its access tokens included (204 either way). */
    public void logout(String refreshToken) {
        transport.call(
                "POST", AUTH + "/logout", Transport.headers(null), Map.of("refreshToken", refreshToken), Void.class);
    }

    /** Chooses a password with an invitation's e-mailed code, and signs in; 401 wrong, used or expired, 429 out of tries. */
    public Tokens acceptInvitation(String tenant, String email, String code, String password) {
        return transport.call(
                "POST",
                AUTH + "/invitation",
                Transport.headers(null),
                Map.of("tenant", tenant, "email", email, "code", code, "password", password),
                Tokens.class);
    }

    /** E-mails a reset code to the account of {@code email}, if there is an enabled one (202 either way). */
    public void requestPasswordReset(String tenant, String email) {
        transport.call(
                "POST",
                AUTH + "/password-reset",
                Transport.headers(null),
                Map.of("tenant", tenant, "email", email),
                Void.class);
    }

    /** A new password with the e-mailed reset code; every session of the account ends. */
    public void resetPassword(String tenant, String email, String code, String newPassword) {
        transport.call(
                "POST",
                AUTH + "/password-reset/confirm",
                Transport.headers(null),
                Map.of("tenant", tenant, "email", email, "code", code, "newPassword", newPassword),
                Void.class);
    }

    /** E-mails a customer a six-digit sign-in code (202 for every address; 429 when asked too often). */
    public CodeSent requestCustomerCode(String tenant, String email) {
        return transport.call(
                "POST",
                AUTH + "/customers/code",
                Transport.headers(null),
                Map.of("tenant", tenant, "email", email),
                CodeSent.class);
    }

    /** Trades the e-mailed code for a customer access token; call on with {@code withToken(accessToken)}. */
    public CustomerTokens customerSignIn(String tenant, String email, String code) {
        return transport.call(
                "POST",
                AUTH + "/customers/token",
                Transport.headers(null),
                Map.of("tenant", tenant, "email", email, "code", code),
                CustomerTokens.class);
    }

    /** Signs the calling customer out: its access token stops at once. */
    public void customerSignOut() {
        transport.call("POST", AUTH + "/customers/sign-out", Transport.headers(token), null, Void.class);
    }

    /** The caller's live sessions (a person's access token). */
    public List<Session> sessions() {
        return transport.call(
                "GET",
                AUTH + "/sessions",
                Transport.headers(token),
                null,
                Transport.JSON.getTypeFactory().constructType(new TypeReference<List<Session>>() {}));
    }

    /** Ends one of the caller's sessions. */
    public void endSession(String familyId) {
        transport.call("DELETE", AUTH + "/sessions/" + familyId, Transport.headers(token), null, Void.class);
    }

    /** Changes the caller's password; every session of the account ends. */
    public void changePassword(String currentPassword, String newPassword) {
        transport.call(
                "PUT",
                AUTH + "/password",
                Transport.headers(token),
                Map.of("currentPassword", currentPassword, "newPassword", newPassword),
                Void.class);
    }
}
