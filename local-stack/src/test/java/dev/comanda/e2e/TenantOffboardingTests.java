package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.Customer;
import dev.comanda.client.ProblemException;
import dev.comanda.client.RawApi;
import dev.comanda.client.RawResponse;
import dev.comanda.client.Tenants.MarketplaceEndpoint;
import dev.comanda.client.Tenants.NewTenant;
import dev.comanda.client.Tenants.RestaurantEndpoint;
import dev.comanda.erasure.TenantOffboardingWorkflow;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderStatus;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A restaurant's offboarding (docs/personal-data.md) on the real stack: the operator's request is refused
 * with 409 while an order is open; once none is, it closes the tenant for good — every credential it had
 * (API keys, a publishable key, a POS device, a signed-in customer's token) is refused, 401 or 410 — erases
 * every customer's personal data and deletes the data keys of every workflow of the tenant, so no history
 * of it decodes, while its orders, money and stock still reconcile. Asking again answers the same.
 */
@EndToEnd
class TenantOffboardingTests {

    private static final String SKU = "MOQUECA";
    private static final String OFFBOARDED = "https://comanda.dev/problems/tenant-offboarded";

    private static E2eStack stack;
    private static ComandaClient api;
    private static Orders orders;
    private static RawApi raw;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        api = stack.api();
        orders = new Orders(api);
        raw = ComandaClient.builder(URI.create(stack.comanda().apiUrl()))
                .build()
                .raw();
    }

    @Test
    void anOpenOrderIsAnswered409ThenTheTenantIsClosedForGoodAndItsCustomersErased() {
        var tenant = stack.newTenant("offboard").withProduct(SKU, 4_200, 20);
        var operator = api.operator(stack.operatorKey());
        var unique = E2eStack.randomHex();
        var email = "cliente." + unique + "@example.com";
        var customerToken = signIn(tenant, email);
        var publishable = api.withToken(tenant.admin())
                .apiKeys()
                .issuePublishable("storefront")
                .token();
        var device = PosDevice.register(tenant, "counter");
        var placed = orders.place(
                customerToken,
                "offboard-" + unique,
                OrderRequest.takeaway().item(SKU, 1).withCustomer(new Customer("Clara Offboard " + unique, email)));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        var orderId = placed.json().get("id").asString();
        orders.awaitStatus(customerToken, orderId, OrderStatus.CONFIRMED);
        var posOrderId = device.sync(List.of(PosDevice.order("till-" + unique, Instant.now(), SKU, 2, 4_200)))
                .getFirst()
                .get("orderId")
                .asString();
        orders.awaitStatus(tenant.kitchen(), posOrderId, OrderStatus.CONFIRMED);

        assertThatThrownBy(() -> operator.offboard(tenant.id()))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(409);
                    assertThat(problem.detail()).contains("is CONFIRMED");
                });
        // Refused, nothing changed: the tenant still works.
        assertThat(get(tenant.admin(), "/api/v1/products").status()).isEqualTo(200);

        for (var id : List.of(orderId, posOrderId)) {
            assertThat(orders.move(tenant.kitchen(), id, OrderStatus.ACCEPTED).status())
                    .isEqualTo(200);
            assertThat(orders.cancel(tenant.kitchen(), id).status()).isEqualTo(200);
            orders.awaitStatus(tenant.kitchen(), id, OrderStatus.CANCELLED);
        }

        // A marketplace the tenant's orders from now on would be pushed to (none is placed after it).
        operator.marketplace(tenant.id(), "ifood", new MarketplaceEndpoint("http://127.0.0.1:9/ifood", null, true));

        // The tenant is closed at once; the erasure first waits out the API instances' caches: 202 meanwhile.
        var first = operator.offboard(tenant.id());
        assertThat(first.status()).isEqualTo("OFFBOARDING");
        assertThat(first.orders()).isNull();
        var offboarded = operator.offboardAndWait(tenant.id(), Duration.ofSeconds(90), Duration.ofSeconds(1));

        assertThat(offboarded.tenant()).isEqualTo(tenant.id());
        assertThat(offboarded.offboardedAt()).isEqualTo(first.offboardedAt());
        assertThat(offboarded.status()).isEqualTo("OFFBOARDED");
        assertThat(offboarded.offboardedAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(offboarded.orders()).isEqualTo(2);
        assertThat(offboarded.dataKeys()).isGreaterThanOrEqualTo(2);
        assertThat(operator.offboard(tenant.id())).isEqualTo(offboarded);

        // Every credential the tenant had is refused: revoked (401), or its tenant gone (410).
        for (var token : List.of(
                tenant.customer(), tenant.kitchen(), tenant.admin(), tenant.ops(), publishable, device.token())) {
            var refused = get(token, "/api/v1/orders/" + orderId);
            assertThat(refused.status()).as(refused.toString()).isIn(401, 410);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        var signedIn = get(customerToken, "/api/v1/orders/" + orderId);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(410);
        assertThat(signedIn.json().get("type").asString()).isEqualTo(OFFBOARDED);
        // Nobody finds it any more: a sign-in code is not even made, operator settings answer 404, the ID
        // is never given again.
        api.signIn().requestCustomerCode(tenant.id(), "someone." + unique + "@example.com");
        assertThat(count("SELECT COUNT(*) FROM one_time_codes WHERE tenant_id = ?", tenant.id()))
                .isZero();
        assertThatThrownBy(() -> operator.restaurantEndpoint(
                        tenant.id(), new RestaurantEndpoint(null, null, "owner@example.com")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.status()).isEqualTo(404));
        assertThatThrownBy(() -> operator.onboard(new NewTenant(tenant.id(), "Again", "BRL")))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.status()).isEqualTo(409));

        // Its customers are erased, its workflows' keys deleted: no history of the tenant decodes.
        assertThat(count(
                        "SELECT COUNT(*) FROM orders WHERE tenant_id = ? AND (customer_email IS NOT NULL"
                                + " OR customer_name LIKE 'Clara%')",
                        tenant.id()))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM customer_accounts WHERE tenant_id = ? AND email NOT LIKE 'erased:%'",
                        tenant.id()))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM notifications WHERE tenant_id = ? AND channel = 'EMAIL'"
                                + " AND recipient NOT LIKE 'erased:%'",
                        tenant.id()))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM notification_outbox WHERE tenant_id = ? AND payload IS NOT NULL",
                        tenant.id()))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM payload_data_keys WHERE scope LIKE ?",
                        OrderContract.workflowIdPrefix(tenant.id()) + "%"))
                .isZero();
        var temporal = stack.comanda().workers().getBean(WorkflowClient.class);
        assertThatThrownBy(() -> temporal.newUntypedWorkflowStub(OrderContract.workflowId(tenant.id(), orderId))
                        .getResult(Map.class))
                .hasStackTraceContaining("is not in payload_data_keys");
        // Its marketplace pushes stop and every way in is revoked, audited once.
        assertThat(count(
                        "SELECT COUNT(*) FROM marketplace_endpoints WHERE tenant_id = ? AND enabled = TRUE",
                        tenant.id()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM api_tokens WHERE tenant_id = ? AND revoked_at IS NULL", tenant.id()))
                .isZero();
        assertThat(stack.jdbc()
                        .sql("SELECT outcome FROM ops_actions WHERE tenant_id = ? AND action = 'OFFBOARD_TENANT'")
                        .param(tenant.id())
                        .query(String.class)
                        .single())
                .startsWith("OFFBOARDED: revoked ");
        // The books stay: statuses, totals, refunds and stock reconcile.
        assertThat(count("SELECT COUNT(*) FROM orders WHERE tenant_id = ? AND status = 'CANCELLED'", tenant.id()))
                .isEqualTo(2);
        Books.reconcile(stack, tenant.id(), Set.of(orderId, posOrderId));
    }

    @Test
    void anUnknownTenantIs404AndOnlyTheOperatorMayOffboard() {
        var tenant = stack.newTenant("offboard-who");

        var unknown = raw.send(
                "DELETE",
                "/api/v1/ops/tenants/no-such-" + E2eStack.randomHex(),
                Map.of("X-Operator-Key", stack.operatorKey()),
                null);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        var admin = raw.send("DELETE", "/api/v1/ops/tenants/" + tenant.id(), RawApi.bearer(tenant.admin()), null);
        assertThat(admin.status()).as(admin.toString()).isEqualTo(401);
        assertThat(get(tenant.admin(), "/api/v1/products").status()).isEqualTo(200);
        assertThat(TenantOffboardingWorkflow.workflowId(tenant.id())).isEqualTo("offboarding-" + tenant.id());
    }

    private static RawResponse get(String token, String path) {
        return raw.send("GET", path, RawApi.bearer(token), null);
    }

    private static long count(String sql, Object... params) {
        return stack.jdbc().sql(sql).params(params).query(Long.class).single();
    }

    /** Signs a customer in as a storefront does: a code e-mailed to the address, traded for a token. */
    private static String signIn(TestTenant tenant, String email) {
        var before = stack.mailbox().count(email);
        api.signIn().requestCustomerCode(tenant.id(), email);
        var code = stack.mailbox().awaitCustomerCode(email, before);
        return api.signIn().customerSignIn(tenant.id(), email, code).accessToken();
    }
}
