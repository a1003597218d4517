package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.ProductRequests.NewProduct;
import dev.comanda.client.ProductRequests.ProductChange;
import dev.comanda.client.Tenants.NewTenant;
import java.util.Map;

/**
 * A restaurant onboarded through {@code POST /api/v1/ops/tenants}, with the tokens the operator
 * endpoint handed out (once) for each role.
 */
record TestTenant(String id, ComandaClient api, Map<String, String> tokens) {

    static final String CURRENCY = "BRL";

    static TestTenant onboard(ComandaClient api, String operatorKey, String id) {
        var onboarded = api.operator(operatorKey).onboard(new NewTenant(id, "Restaurant " + id, CURRENCY));
        return new TestTenant(id, api, Map.copyOf(onboarded.tokens()));
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
        var created = api.withToken(admin())
                .products()
                .create(new NewProduct(sku, "Product " + sku, priceCents, initialStock));
        assertThat(created.sku()).as("creating %s: %s", sku, created).isEqualTo(sku);
        return this;
    }

    /** Reprices a product and, when {@code active} is not null, takes it on or off sale, as the tenant's admin. */
    TestTenant updateProduct(String sku, long priceCents, Boolean active) {
        var updated =
                api.withToken(admin()).products().update(sku, new ProductChange("Product " + sku, priceCents, active));
        assertThat(updated.sku()).as("updating %s: %s", sku, updated).isEqualTo(sku);
        return this;
    }
}
