package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.api.ApiProperties;
import dev.comanda.client.ComandaClient;
import dev.comanda.client.Customer;
import dev.comanda.client.Fulfilment;
import dev.comanda.client.PaymentMethod;
import dev.comanda.client.PlaceOrderRequest;
import dev.comanda.client.RawApi;
import dev.comanda.client.RawResponse;
import dev.comanda.client.Sync.SyncOrder;
import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.pos.PosSyncRecords;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * A customer's erasure (docs/personal-data.md): refused with 409 while one of their orders is open; once
 * every one is over, the admin's request anonymizes the read model, the notification records, the charge
 * requests, the placement receipts and the POS devices' upload records, leaves no idempotency replay
 * naming the customer, deletes the orders' data keys so their Temporal histories no longer decode even for
 * OPS, audits each order, and leaves totals, payments and stock as they were: the fault runs' invariant
 * checker still passes.
 */
@EndToEnd
class CustomerErasureTests {

    private static final String SKU = "ACARAJE";
    private static final String ENCRYPTED_BASE64 =
            Base64.getEncoder().encodeToString("binary/encrypted".getBytes(StandardCharsets.UTF_8));
    private static final List<OrderStatus> DELIVERY = List.of(
            OrderStatus.ACCEPTED,
            OrderStatus.PREPARING,
            OrderStatus.READY,
            OrderStatus.OUT_FOR_DELIVERY,
            OrderStatus.DELIVERED);
    private static final List<OrderStatus> DINE_IN =
            List.of(OrderStatus.ACCEPTED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.SERVED);

    private static E2eStack stack;
    private static Orders orders;
    private static RawApi raw;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
        orders = new Orders(stack.api());
        raw = ComandaClient.builder(URI.create(stack.comanda().apiUrl()))
                .build()
                .raw();
    }

    @Test
    void anOpenOrderIsAnswered409AndAClosedOnesCustomerIsErased() {
        var tenant = stack.newTenant("erase").withProduct(SKU, 1_500, 10);
        var unique = E2eStack.randomHex();
        var customer =
                new Customer("Jurema Esquecida " + unique, "jurema." + unique + "@example.com", "+5571988887777");
        var key = "erase-" + unique;
        var request = OrderRequest.delivery(OrderRequest.takeaway().item(SKU, 2).withCustomer(customer));
        var placed = orders.place(tenant.customer(), key, request);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        var orderId = placed.json().get("id").asString();
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.CONFIRMED);
        // The CONFIRMED notice leaves through the outbox the read model's write of CONFIRMED queued it in.
        stack.mailbox().awaitSubject(customer.email(), "is confirmed");
        // The replay kept in Redis never held the customer: a retry gets it back from its own body.
        assertThat(replay(tenant.id(), orderId))
                .isNotEmpty()
                .doesNotContain(customer.name(), customer.email(), customer.phone(), OrderRequest.ADDRESS.street());
        var retried = orders.place(tenant.customer(), key, request);
        assertThat(retried.body()).isEqualTo(placed.body());
        assertThat(retried.json().path("customer").path("name").asString()).isEqualTo(customer.name());

        var refused = erase(tenant.admin(), customer.email());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        for (var step : DELIVERY) {
            assertThat(orders.move(tenant.kitchen(), orderId, step).status()).isEqualTo(200);
        }
        orders.awaitStatus(tenant.customer(), orderId, OrderStatus.COMPLETED);
        var device = PosDevice.register(tenant, "counter");
        var posOrder = new SyncOrder(
                "till-" + unique,
                Instant.now(),
                Fulfilment.dineIn("4"),
                customer,
                PlaceOrderRequest.Payment.of(PaymentMethod.PAID_AT_COUNTER),
                List.of(new SyncOrder.Line(SKU, 1, 1_500)));
        var posOrderId =
                device.sync(List.of(posOrder)).getFirst().get("orderId").asString();
        orders.awaitStatus(tenant.kitchen(), posOrderId, OrderStatus.CONFIRMED);
        for (var step : DINE_IN) {
            assertThat(orders.move(tenant.kitchen(), posOrderId, step).status()).isEqualTo(200);
        }
        orders.awaitStatus(tenant.kitchen(), posOrderId, OrderStatus.COMPLETED);
        var total = orderRow(orderId, "total_cents");
        var charged = orderRow(orderId, "charged_cents");
        var firstAnswer = posRow(posOrderId, "result_json");
        assertThat(history(tenant.ops(), orderId)).contains(customer.name());

        assertThat(erase(tenant.kitchen(), customer.email()).status()).isEqualTo(403);
        var erased = erase(tenant.admin(), customer.email().toUpperCase(java.util.Locale.ROOT));

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().get("orders").asInt()).isEqualTo(2);
        assertThat(erased.json().get("payments").asInt()).isOne();
        assertThat(erased.json().get("dataKeys").asInt()).isPositive();
        var jdbc = stack.jdbc();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE customer_name = ? OR customer_email = ?")
                        .params(customer.name(), customer.email())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notifications WHERE recipient = ?")
                        .param(customer.email())
                        .query(Long.class)
                        .single())
                .isZero();
        for (var id : List.of(orderId, posOrderId)) {
            var notices = jdbc.sql("SELECT kind, CONCAT(status, ' ', COALESCE(payload, 'cleared'))"
                            + " FROM notification_outbox WHERE order_id = ?")
                    .param(id)
                    .query((row, n) -> Map.entry(row.getString(1), row.getString(2)))
                    .list();
            assertThat(notices)
                    .as("each notice of the order (CONFIRMED, and READY after the kitchen) sent or erased, and"
                            + " its copy of the order cleared")
                    .extracting(Map.Entry::getKey)
                    .contains("CONFIRMED");
            assertThat(notices)
                    .extracting(Map.Entry::getValue)
                    .allMatch(state -> state.equals("SENT cleared") || state.equals("ERASED cleared"), "cleared");
            assertThat(jdbc.sql("SELECT placement FROM order_placements WHERE order_id = ?")
                            .param(id)
                            .query(String.class)
                            .optional()
                            .orElse(""))
                    .doesNotContain(customer.name(), customer.email(), OrderRequest.ADDRESS.street());
        }
        assertThat(jdbc.sql("SELECT request_body FROM payments WHERE order_id = ? AND kind = 'CHARGE'")
                        .param(orderId)
                        .query(String.class)
                        .single())
                .doesNotContain(customer.email())
                .contains(total);
        // The POS upload record keeps the order and its first answer, not the customer's fingerprint;
        // the device sending the order again is answered that first answer.
        assertThat(posRow(posOrderId, "fingerprint")).isEqualTo(PosSyncRecords.ERASED_FINGERPRINT);
        assertThat(posRow(posOrderId, "result_json")).isEqualTo(firstAnswer);
        var resent = device.sync(List.of(posOrder)).getFirst();
        assertThat(resent.get("result").asString()).isEqualTo("duplicate");
        assertThat(resent.get("orderId").asString()).isEqualTo(posOrderId);
        assertThat(replay(tenant.id(), orderId)).isEmpty();
        assertThat(orderRow(orderId, "status")).isEqualTo("COMPLETED");
        assertThat(orderRow(orderId, "total_cents")).isEqualTo(total);
        assertThat(orderRow(orderId, "charged_cents")).isEqualTo(charged);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ops_actions WHERE order_id = ? AND action = 'ERASE_CUSTOMER'")
                        .param(orderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        var afterwards = history(tenant.ops(), orderId);
        assertThat(afterwards).doesNotContain(customer.name()).doesNotContain(customer.email());
        assertThat(afterwards).contains(ENCRYPTED_BASE64);
        assertThat(erase(tenant.admin(), customer.email()).status()).isEqualTo(404);
        // A retry of the placement after the erasure is answered as one after its replay expired: no
        // second order, no second charge.
        assertThat(orders.place(tenant.customer(), key, request).status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE tenant_id = ?")
                        .param(tenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(2L);
        Books.reconcile(stack, tenant.id(), Set.of(orderId, posOrderId));
    }

    @Test
    void aMissingEmailIsA400NamingIt() {
        var tenant = stack.newTenant("erase-bad");
        var response = raw.send("DELETE", "/api/v1/customers?email=nobody", RawApi.bearer(tenant.admin()), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).contains("email");
    }

    private static RawResponse erase(String token, String email) {
        return raw.send(
                "DELETE",
                "/api/v1/customers?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8),
                RawApi.bearer(token),
                null);
    }

    /** What the API keeps in Redis to replay the order's placement; empty when nothing is kept. */
    private static String replay(String tenantId, String orderId) {
        var api = stack.comanda().api();
        var key = api.getBean(ApiProperties.class).redisPrefix() + "idem:" + tenantId + ':' + orderId;
        var kept = api.getBean(RedissonClient.class)
                .<String>getBucket(key, StringCodec.INSTANCE)
                .get();
        return kept == null ? "" : kept;
    }

    /** Every payload's data of the order's history as the caller reads it, base64-decoded where it is text. */
    private static String history(String token, String orderId) {
        var response = raw.send("GET", "/api/v1/orders/" + orderId + "/history", RawApi.bearer(token), null);
        assertThat(response.status()).as("history: %s", response).isEqualTo(200);
        var text = new StringBuilder(response.json().toString());
        collect(response.json(), text);
        return text.toString();
    }

    private static void collect(tools.jackson.databind.JsonNode node, StringBuilder text) {
        if (node.isObject() && node.has("metadata") && node.has("data")) {
            text.append(new String(Base64.getDecoder().decode(node.get("data").asString()), StandardCharsets.UTF_8));
        }
        for (var child : node) {
            collect(child, text);
        }
    }

    private static String orderRow(String orderId, String column) {
        return stack.jdbc()
                .sql("SELECT " + column + " FROM orders WHERE order_id = ?")
                .param(orderId)
                .query(String.class)
                .single();
    }

    private static String posRow(String orderId, String column) {
        return stack.jdbc()
                .sql("SELECT " + column + " FROM pos_sync_orders WHERE order_id = ?")
                .param(orderId)
                .query(String.class)
                .single();
    }
}
