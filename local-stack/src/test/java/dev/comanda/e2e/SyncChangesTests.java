package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.client.Sync.SyncOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/sync/changes} and the snapshot over real HTTP: cursor, commit order, tombstones, 410. */
@EndToEnd
class SyncChangesTests {

    private static E2eStack stack;

    @BeforeAll
    static void start(E2eStack shared) {
        stack = shared;
    }

    @Test
    void aPullFromTheStartHoldsTheCatalogAndEveryOrderAndThenNothingNew() {
        var tenant = stack.newTenant("pull").withProduct("PIZZA", 4_000, 50).withProduct("SODA", 800, 50);
        var device = PosDevice.register(tenant, "puller");
        var created = device.sync(List.of(
                PosDevice.order("a", Instant.now(), "PIZZA", 1, 4_000),
                PosDevice.order("b", Instant.now(), "SODA", 2, 800)));
        confirmed(device, created);

        var page = pullAll(device, null);

        assertThat(page.orderIds())
                .containsAll(
                        created.stream().map(r -> r.get("orderId").asString()).toList());
        assertThat(page.skus()).contains("PIZZA", "SODA");
        assertThat(page.seqs()).isSorted().doesNotHaveDuplicates();
        var again = device.changes(page.cursor()).json();
        assertThat(again.get("events")).isEmpty();
        assertThat(again.get("hasMore").asBoolean()).isFalse();
        assertThat(again.get("cursor").asString()).isEqualTo(page.cursor());
    }

    @Test
    void aPriceChangeAndADeactivationComeAfterTheCursorAsStatesAndTombstones() {
        var tenant =
                stack.newTenant("pull-catalog").withProduct("PIZZA", 4_000, 50).withProduct("SODA", 800, 50);
        var device = PosDevice.register(tenant, "catalog");
        var cursor = pullAll(device, null).cursor();

        tenant.updateProduct("PIZZA", 4_500, null);
        tenant.updateProduct("SODA", 800, false);
        var changes = device.changes(cursor).json();

        var products = new ArrayList<JsonNode>();
        changes.get("products").forEach(products::add);
        assertThat(products).extracting(p -> p.get("sku").asString()).containsExactly("PIZZA", "SODA");
        assertThat(products.get(0).get("priceCents").asLong()).isEqualTo(4_500);
        assertThat(products.get(1).get("tombstone").asBoolean()).isTrue();
        assertThat(changes.get("cursor").asString()).isNotEqualTo(cursor);
    }

    @Test
    void aSmallLimitPagesThroughInCommitOrderWithoutGapsOrRepeats() {
        var tenant = stack.newTenant("pull-pages").withProduct("PIZZA", 4_000, 50);
        var device = PosDevice.register(tenant, "pager");
        var batch = new ArrayList<SyncOrder>();
        for (int i = 0; i < 6; i++) {
            batch.add(PosDevice.order("p-" + i, Instant.now(), "PIZZA", 1, 4_000));
        }
        device.sync(batch);
        var orders = new Orders(stack.api());
        device.sync(batch)
                .forEach(r -> orders.awaitStatus(
                        device.token(), r.get("orderId").asString(), dev.comanda.order.OrderStatus.CONFIRMED));

        var whole = pullAll(device, null);
        var paged = pullAll(device, null, 3);

        assertThat(paged.seqs()).containsExactlyElementsOf(whole.seqs());
        assertThat(paged.pages()).isGreaterThan(1);
        assertThat(paged.seqs().getFirst()).isEqualTo(1L);
        assertThat(paged.seqs().getLast()).isEqualTo((long) paged.seqs().size());
    }

    @Test
    void aCursorAheadOfTheStreamIsGoneAndTheSnapshotResyncs() {
        var tenant = stack.newTenant("pull-gone").withProduct("PIZZA", 4_000, 50);
        var device = PosDevice.register(tenant, "restored");
        var open = device.sync(List.of(PosDevice.order("o", Instant.now(), "PIZZA", 1, 4_000)));
        confirmed(device, open);
        var forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("c1:" + Integer.toHexString(tenant.id().hashCode()) + ":999999:0")
                        .getBytes(StandardCharsets.UTF_8));

        var gone = device.changes(forged);

        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(gone.json().get("snapshot").asString()).isEqualTo("/api/v1/sync/snapshot");
        var snapshot = stack.api().withToken(device.token()).raw().get("/api/v1/sync/snapshot");
        assertThat(snapshot.status()).isEqualTo(200);
        assertThat(snapshot.json().findValues("orderId").stream().map(JsonNode::asString))
                .contains(open.getFirst().get("orderId").asString());
        assertThat(device.changes(snapshot.json().get("cursor").asString()).status())
                .isEqualTo(200);
    }

    @Test
    void aMalformedCursorOrLimitIsABadRequestNamingTheParameter() {
        var tenant = stack.newTenant("pull-bad");
        var device = PosDevice.register(tenant, "bad");

        var cursor = device.changes("not-a-cursor");
        var limit = stack.api().withToken(device.token()).raw().get("/api/v1/sync/changes?limit=0");
        var huge = stack.api().withToken(device.token()).raw().get("/api/v1/sync/changes?limit=abc");

        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.errorFields()).containsExactly("since");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.errorFields()).containsExactly("limit");
        assertThat(huge.status()).isEqualTo(400);
    }

    /** The upload answers at once; the orders reach the read model (and the pull) as their workflows run. */
    private static void confirmed(PosDevice device, List<JsonNode> results) {
        var orders = new Orders(stack.api());
        results.forEach(r -> orders.awaitStatus(
                device.token(), r.get("orderId").asString(), dev.comanda.order.OrderStatus.CONFIRMED));
    }

    record Pulled(String cursor, List<Long> seqs, List<String> orderIds, List<String> skus, int pages) {}

    static Pulled pullAll(PosDevice device, String since) {
        return pullAll(device, since, null);
    }

    static Pulled pullAll(PosDevice device, String since, Integer limit) {
        var seqs = new ArrayList<Long>();
        var orderIds = new ArrayList<String>();
        var skus = new ArrayList<String>();
        var cursor = since;
        int pages = 0;
        while (true) {
            var path = "/api/v1/sync/changes?" + (cursor == null ? "" : "since=" + cursor + "&")
                    + (limit == null ? "" : "limit=" + limit);
            var response = stack.api().withToken(device.token()).raw().get(path);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            var page = response.json();
            pages++;
            page.get("events").forEach(e -> seqs.add(e.get("seq").asLong()));
            page.get("orders").forEach(o -> orderIds.add(o.get("orderId").asString()));
            page.get("products").forEach(p -> skus.add(p.get("sku").asString()));
            cursor = page.get("cursor").asString();
            if (!page.get("hasMore").asBoolean()) {
                return new Pulled(cursor, seqs, orderIds, skus, pages);
            }
        }
    }
}
