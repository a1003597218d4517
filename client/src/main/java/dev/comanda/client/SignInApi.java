package dev.comanda.client;

import dev.comanda.client.Identity.Session;
import dev.comanda.client.Identity.Tokens;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * {@code /api/v1/auth}: a person's login, refresh and logout (no bearer token: the password or refresh
 * token is the credential), and, as a signed-in person, their sessions and password.
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
