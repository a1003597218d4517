package dev.comanda.client;

import dev.comanda.client.Identity.ApiKey;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/** {@code /api/v1/api-keys}: the tenant's integration API keys and publishable keys, for ADMIN callers. */
public final class ApiKeysApi {

    private static final String KEYS = Transport.API + "/api-keys";

    private final Transport transport;
    private final String token;

    ApiKeysApi(Transport transport, String token) {
        this.transport = transport;
        this.token = token;
    }

    /** Issues a key of {@code role} (CUSTOMER, KITCHEN, ADMIN, OPS, or STOREFRONT for a publishable key); its token shown this once. */
    public ApiKey issue(String role, String name) {
        return transport.call("POST", KEYS, Transport.headers(token), Map.of("role", role, "name", name), ApiKey.class);
    }

    /** A storefront's publishable key ({@code cmp_…}): the menu and guest orders only. */
    public ApiKey issuePublishable(String name) {
        return issue("STOREFRONT", name);
    }

    /** Every key, revoked ones included, without tokens. */
    public List<ApiKey> list() {
        return transport.call(
                "GET",
                KEYS,
                Transport.headers(token),
                null,
                Transport.JSON.getTypeFactory().constructType(new TypeReference<List<ApiKey>>() {}));
    }

    public void revoke(long id) {
        transport.call("DELETE", KEYS + "/" + id, Transport.headers(token), null, Void.class);
    }
}
