package dev.comanda.persistence;

import static dev.comanda.testing.ReadModelOrders.entry;
import static dev.comanda.testing.ReadModelOrders.placed;
import static dev.comanda.testing.ReadModelOrders.progress;
import static org.assertj.core.api.Assertions.assertThat;

import dev.comanda.erasure.TenantOffboardingWorkflow;
import dev.comanda.order.Actor;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.PlaceOrder;
import dev.comanda.persistence.crypto.MasterKeys;
import dev.comanda.persistence.crypto.PayloadKeyStore;
import dev.comanda.persistence.identity.StaffAccounts;
import dev.comanda.persistence.identity.StaffAccounts.StaffRole;
import dev.comanda.persistence.identity.StaffRefreshTokens;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.order.OrderReadModelRepository;
import dev.comanda.persistence.order.PlacementReceipts;
import dev.comanda.persistence.pos.PosDevices;
import dev.comanda.persistence.sync.MarketplaceEndpoint;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import dev.comanda.persistence.tenant.ApiTokens;
import dev.comanda.testing.DataTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A tenant's offboarding (docs/personal-data.md) in the tables: closed once and found by nobody, every way
 * in revoked, its orders' customers erased all at once, the data keys of its workflows found apart from a
 * tenant whose ID starts the same — and another tenant untouched throughout.
 */
class TenantOffboardingRowsTests extends DataTestSupport {

    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");

    @Autowired
    ApiTokens tokens;

    @Autowired
    PosDevices devices;

    @Autowired
    StaffAccounts staff;

    @Autowired
    StaffRefreshTokens sessions;

    @Autowired
    MarketplaceEndpointRepository marketplaces;

    @Autowired
    OrderReadModelRepository readModel;

    @Autowired
    OrderQueries queries;

    @Autowired
    PlacementReceipts receipts;

    @Test
    void anOffboardedTenantIsClosedOnceAndFoundByNobody() {
        var tenant = newTenant();

        assertThat(tenants.offboardedAt(tenant)).isEmpty();
        assertThat(tenants.offboard(tenant)).isTrue();
        var closedAt = tenants.offboardedAt(tenant).orElseThrow();

        assertThat(tenants.find(tenant)).isEmpty();
        assertThat(tenants.exists(tenant)).isTrue();
        assertThat(tenants.offboard(tenant)).isFalse();
        assertThat(tenants.offboardedAt(tenant)).contains(closedAt);
        // Its ID names workflows: it is never taken again.
        assertThat(tenants.create(tenant, "Again", "BRL")).isFalse();
        assertThat(tenants.offboard("no-such-tenant")).isFalse();
        assertThat(tenants.exists("no-such-tenant")).isFalse();
    }

    @Test
    void everyWayIntoTheTenantIsRevokedAndNoOtherTenants() {
        var tenant = newTenant();
        var other = newTenant();
        var key = tokens.issue(tenant, Actor.ADMIN, "admin").token();
        var publishable = tokens.issuePublishable(tenant, "storefront").token();
        var device = devices.register(tenant, "counter");
        var person = staff.create(tenant, "cook@example.com", "Cook", StaffRole.KITCHEN, null)
                .orElseThrow();
        sessions.start(person.id(), Duration.ofDays(1));
        marketplaces.upsert(new MarketplaceEndpoint(tenant, "ifood", "https://ifood.example", null, true));
        var othersKey = tokens.issue(other, Actor.ADMIN, "admin").token();
        var othersDevice = devices.register(other, "counter");
        marketplaces.upsert(new MarketplaceEndpoint(other, "ifood", "https://ifood.example", null, true));

        assertThat(devices.revokeAll(tenant)).isOne();
        assertThat(tokens.revokeAll(tenant)).isEqualTo(2);
        assertThat(staff.disableAll(tenant)).isOne();
        assertThat(sessions.revokeTenant(tenant)).isOne();
        assertThat(marketplaces.disableAll(tenant)).isOne();

        assertThat(tokens.authenticate(key)).isEmpty();
        assertThat(tokens.authenticate(publishable)).isEmpty();
        assertThat(tokens.authenticate(device.token())).isEmpty();
        assertThat(devices.find(tenant, device.device().id()).orElseThrow().revokedAt())
                .isNotNull();
        assertThat(staff.find(tenant, person.id()).orElseThrow().disabled()).isTrue();
        assertThat(sessions.sessions(person.id())).isEmpty();
        assertThat(marketplaces.enabledChannels(tenant)).isEmpty();
        assertThat(tokens.authenticate(othersKey)).isPresent();
        assertThat(tokens.authenticate(othersDevice.token())).isPresent();
        assertThat(marketplaces.enabledChannels(other)).containsExactly("ifood");
        // Twice is once.
        assertThat(devices.revokeAll(tenant) + tokens.revokeAll(tenant) + staff.disableAll(tenant))
                .isZero();
    }

    @Test
    void theTenantsOpenOrdersAreTheUnfinishedOnesAndTheAcknowledgedOnesWithoutARow() {
        var tenant = newTenant();
        record(tenant, OrderStatus.COMPLETED);
        var running = record(tenant, OrderStatus.PREPARING);
        var acknowledged = placed(tenant, T0, 1_000);
        receipts.record(acknowledged);

        assertThat(queries.openOrders(tenant, 10))
                .extracting(OrderQueries.CustomerOrder::orderId)
                .containsExactlyInAnyOrder(running.orderId(), acknowledged.orderId());
        assertThat(queries.openOrders(tenant, 1)).hasSize(1);
        assertThat(queries.openOrders(newTenant(), 10)).isEmpty();
    }

    @Test
    void everyCustomerOfTheTenantIsErasedAtOnceAndAnotherTenantsAreNot() {
        var tenant = newTenant();
        var other = newTenant();
        var first = record(tenant, OrderStatus.COMPLETED);
        var second = record(tenant, OrderStatus.CANCELLED);
        var theirs = record(other, OrderStatus.COMPLETED);

        assertThat(readModel.anonymizeCustomers(tenant)).isEqualTo(2);
        receipts.anonymizeCustomers(tenant);

        for (var order : List.of(first, second)) {
            assertThat(queries.find(tenant, order.orderId())
                            .orElseThrow()
                            .customer()
                            .email())
                    .isNull();
            assertThat(receipts.find(tenant, order.orderId())
                            .orElseThrow()
                            .customer()
                            .email())
                    .isNull();
        }
        assertThat(queries.find(other, theirs.orderId())
                        .orElseThrow()
                        .customer()
                        .email())
                .isEqualTo("ana@example.com");
        assertThat(receipts.find(other, theirs.orderId())
                        .orElseThrow()
                        .customer()
                        .email())
                .isEqualTo("ana@example.com");
        assertThat(readModel.anonymizeCustomers(tenant)).isZero();
    }

    @Test
    void theDataKeysOfATenantsWorkflowsAreFoundApartFromATenantWhoseIdStartsTheSame() {
        var tenant = newTenant();
        var longer = tenant + "-two";
        tenants.create(longer, "Two", "BRL");
        var store = new PayloadKeyStore(jdbc, MasterKeys.parse(MasterKeys.generate("m")), Duration.ofMinutes(5), 10);
        var mine = OrderContract.workflowId(tenant, placed(tenant, T0, 1).orderId());
        var theirs = OrderContract.workflowId(longer, placed(longer, T0, 1).orderId());
        store.current(mine);
        store.current(theirs);

        var found = store.scopesStartingWith(OrderContract.workflowIdPrefix(tenant));

        assertThat(found).contains(mine, theirs);
        assertThat(found.stream().filter(scope -> TenantOffboardingWorkflow.isWorkflowOf(tenant, scope)))
                .containsExactly(mine);
        assertThat(store.erase(List.of(mine))).isOne();
        assertThat(store.scopesStartingWith(OrderContract.workflowIdPrefix(tenant)))
                .containsExactly(theirs);
    }

    private PlaceOrder record(String tenant, OrderStatus status) {
        var order = placed(tenant, T0, 1_000);
        receipts.record(order);
        readModel.insertPlaced(order, entry(0, OrderStatus.PENDING, T0));
        readModel.applyProgress(progress(order, status, List.of(entry(1, status, T0.plusSeconds(60)))));
        return order;
    }
}
