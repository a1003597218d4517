package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * A restaurant onboarded through {@code POST /api/v1/ops/tenants}, with the tokens the operator
 * endpoint handed out (once) for each role.
 */
record TestTenant(String id, ApiClient api, Map<String, String> tokens) {

    static final String CURRENCY = "BRL";

    static TestTenant onboard(ApiClient api, String operatorKey, String id) {
        var response = api.post(
                "/api/v1/ops/tenants",
                Map.of("X-Operator-Key", operatorKey),
                Map.of("id", id, "name", "Restaurant " + id, "currency", CURRENCY));
        assertThat(response.status()).as("onboarding %s: %s", id, response).isEqualTo(201);
        var tokens = response.json().get("tokens");
        return new TestTenant(
                id,
                api,
                Map.of(
                        "customer", tokens.get("customer").asString(),
                        "kitchen", tokens.get("kitchen").asString(),
                        "admin", tokens.get("admin").asString(),
                        "ops", tokens.get("ops").asString()));
    }

    String customer() {
        return tokens.get("customer");
    }

    String kitchen() {
        return tokens.get("kitchen");
    }

    String admin() {
        return tokens.get("admin");
    }

    String ops() {
        return tokens.get("ops");
    }

    /** Creates a product with its initial stock through {@code POST /api/v1/products}, as the tenant's admin. */
    TestTenant withProduct(String sku, long priceCents, int initialStock) {
        var response = api.post(
                "/api/v1/products",
                admin(),
                Map.of("sku", sku, "name", "Product " + sku, "priceCents", priceCents, "initialStock", initialStock));
        assertThat(response.status()).as("creating %s: %s", sku, response).isEqualTo(201);
        return this;
    }

    /** Reprices a product and, when {@code active} is not null, takes it on or off sale, as the tenant's admin. */
    TestTenant updateProduct(String sku, long priceCents, Boolean active) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("name", "Product " + sku);
        body.put("priceCents", priceCents);
        if (active != null) {
            body.put("active", active);
        }
        var response = api.send(
                "PUT",
                "/api/v1/products/" + sku,
                Map.of("Authorization", "Bearer " + admin(), "Content-Type", "application/json"),
                ApiClient.JSON.writeValueAsString(body));
        assertThat(response.status()).as("updating %s: %s", sku, response).isEqualTo(200);
        return this;
    }
}
