package dev.comanda.api.sync;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.order.OrderWorkflows;
import dev.comanda.order.Channel;
import dev.comanda.order.Customer;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.FulfilmentType;
import dev.comanda.order.Money;
import dev.comanda.order.OfflineOrigin;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderLine;
import dev.comanda.order.OrderPolicy;
import dev.comanda.order.Payment;
import dev.comanda.order.PlaceOrder;
import dev.comanda.persistence.catalog.CatalogChanges;
import dev.comanda.persistence.catalog.CatalogChanges.ProductState;
import dev.comanda.persistence.pos.PosDevices.Device;
import dev.comanda.persistence.pos.PosSyncRecords;
import dev.comanda.persistence.pos.PosSyncRecords.Recorded;
import dev.comanda.persistence.pos.PosTables;
import dev.comanda.persistence.sync.MarketplaceEndpointRepository;
import dev.comanda.persistence.tenant.TenantRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch upload of orders a POS took offline. Each order is idempotent by (tenant, device, client
 * order ID): that triple names its workflow (started with USE_EXISTING, so a repeat can never make a
 * second order) and its row in {@code pos_sync_orders}, which keeps the first answer. The workflow is
 * started before the row is written: a crash in between leaves an order without its row, and the
 * device's re-send finds the workflow, writes the row and answers {@code created} — one order either way.
 */
@Service
class OrderSync {

    private final CatalogChanges catalog;
    private final PosSyncRecords records;
    private final PosTables tables;
    private final OrderWorkflows workflows;
    private final MarketplaceEndpointRepository marketplaces;
    private final TenantRepository tenants;
    private final ApiProperties apiProperties;
    private final PosSyncProperties properties;
    private final SyncOrderReader reader;
    private final JsonMapper json;
    private final Clock clock;

    OrderSync(
            CatalogChanges catalog,
            PosSyncRecords records,
            PosTables tables,
            OrderWorkflows workflows,
            MarketplaceEndpointRepository marketplaces,
            TenantRepository tenants,
            ApiProperties apiProperties,
            PosSyncProperties properties,
            SyncOrderReader reader,
            JsonMapper json,
            Clock clock) {
        this.catalog = catalog;
        this.records = records;
        this.tables = tables;
        this.workflows = workflows;
        this.marketplaces = marketplaces;
        this.tenants = tenants;
        this.apiProperties = apiProperties;
        this.properties = properties;
        this.reader = reader;
        this.json = json;
        this.clock = clock;
    }

    /** One result per order, in the batch's order. */
    List<SyncResult> upload(String tenantId, Device device, List<JsonNode> batch) {
        var results = new SyncResult[batch == null ? 0 : batch.size()];
        var parsed = reader.read(batch, results);
        var currency = tenants.find(tenantId)
                .orElseThrow(() -> ApiException.notFound("tenant"))
                .currency();
        var skus = parsed.stream()
                .filter(o -> o != null)
                .flatMap(o -> o.lines().stream().map(SyncOrder.Line::sku))
                .distinct()
                .toList();
        var products = new HashMap<String, ProductState>();
        catalog.current(tenantId, skus).forEach(p -> products.put(p.sku(), p));
        var stockLeft = new HashMap<String, Integer>();
        products.values().forEach(p -> stockLeft.put(p.sku(), p.available()));
        var dineIn = parsed.stream()
                .filter(o -> o != null
                        && o.fulfilment().type() == FulfilmentType.DINE_IN
                        && o.fulfilment().table() != null)
                .map(o -> o.fulfilment().table())
                .distinct()
                .toList();
        var closures = tables.latestByOthers(tenantId, dineIn, device.id());
        var recorded = records.find(
                tenantId,
                device.id(),
                parsed.stream()
                        .filter(o -> o != null)
                        .map(SyncOrder::clientOrderId)
                        .toList());
        var channels = marketplaces.enabledChannels(tenantId);
        var work = new ArrayList<Callable<SyncResult>>();
        for (int i = 0; i < batch.size(); i++) {
            var order = parsed.get(i);
            if (order != null) {
                // Evaluated in batch order (the orders share what stock is left); started in parallel below.
                work.add(one(tenantId, device, i, order, currency, products, stockLeft, closures, recorded, channels));
            }
        }
        for (var result : runBounded(work)) {
            results[result.index()] = result;
        }
        return List.of(results);
    }

    /**
     * Starts the batch's workflows and records their answers, {@code startConcurrency} at a time: each
     * start is a round trip to Temporal, and one after the other they would bound a batch by latency.
     */
    private List<SyncResult> runBounded(List<Callable<SyncResult>> work) {
        var permits = new Semaphore(properties.startConcurrency());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = work.stream()
                    .map(task -> executor.submit(() -> {
                        permits.acquire();
                        try {
                            return task.call();
                        } finally {
                            permits.release();
                        }
                    }))
                    .toList();
            var results = new ArrayList<SyncResult>();
            for (var future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting orders", e);
                }
            }
            return results;
        }
    }

    /** What to do for one order: answer at once (re-sent, invalid), or start and record it. */
    private Callable<SyncResult> one(
            String tenantId,
            Device device,
            int index,
            SyncOrder order,
            String currency,
            Map<String, ProductState> products,
            Map<String, Integer> stockLeft,
            Map<String, PosTables.Closure> closures,
            Map<String, Recorded> recorded,
            List<String> channels) {
        var fingerprint = reader.fingerprint(order);
        var earlier = recorded.get(order.clientOrderId());
        if (earlier != null) {
            var again = answerAgain(index, order, earlier, fingerprint);
            return () -> again;
        }
        var now = clock.instant();
        var evaluation = SyncRules.evaluate(order, products, stockLeft, closures, currency, now, properties);
        if (!evaluation.valid()) {
            var invalid = SyncResult.invalid(index, order.clientOrderId(), evaluation.errors());
            return () -> invalid;
        }
        return () -> startAndRecord(tenantId, device, index, order, currency, evaluation, fingerprint, channels);
    }

    private SyncResult startAndRecord(
            String tenantId,
            Device device,
            int index,
            SyncOrder order,
            String currency,
            SyncRules.Evaluation evaluation,
            String fingerprint,
            List<String> channels) {
        var orderId = OrderContract.orderId(tenantId, "pos:" + device.id() + ":" + order.clientOrderId());
        var total = evaluation.lines().stream().map(OrderLine::lineTotal).reduce(Money.zero(currency), Money::plus);
        workflows.start(placeOrder(tenantId, device, order, orderId, evaluation, total, channels));
        var conflicted = !evaluation.conflicts().isEmpty();
        var result = new SyncResult(
                index,
                order.clientOrderId(),
                conflicted ? SyncResult.CONFLICT : SyncResult.CREATED,
                orderId,
                total.cents(),
                evaluation.notes(),
                evaluation.conflicts(),
                List.of(),
                null);
        var record = new Recorded(
                order.clientOrderId(), orderId, fingerprint, result.result(), json.writeValueAsString(result));
        if (records.insert(tenantId, device.id(), record, order.createdAt())) {
            return result;
        }
        // A concurrent upload of the same order recorded it first: its answer stands.
        var winner = records.find(tenantId, device.id(), List.of(order.clientOrderId()))
                .get(order.clientOrderId());
        return answerAgain(index, order, winner, fingerprint);
    }

    private PlaceOrder placeOrder(
            String tenantId,
            Device device,
            SyncOrder order,
            String orderId,
            SyncRules.Evaluation evaluation,
            Money total,
            List<String> channels) {
        var c = order.customer();
        var f = order.fulfilment();
        var customerName = c != null && c.name() != null && !c.name().isBlank()
                ? c.name()
                : f.table() != null ? "Table " + f.table() : "Counter";
        return new PlaceOrder(
                tenantId,
                orderId,
                Channel.POS,
                new Customer(customerName, c == null ? null : c.email(), c == null ? null : c.phone()),
                evaluation.lines(),
                new Fulfilment(f.type(), null, f.table()),
                new Payment(order.payment().method(), null),
                total,
                channels,
                new OrderPolicy(apiProperties.reservationTtl(), properties.acceptDeadline()),
                clock.instant(),
                new OfflineOrigin(device.id(), order.clientOrderId(), order.createdAt(), evaluation.flags()));
    }

    /**
     * A re-sent order: the first answer again, or a conflict when the device reused the ID for another order.
     * An order whose customer was erased has no fingerprint left to compare: its first answer stands.
     */
    private SyncResult answerAgain(int index, SyncOrder order, Recorded earlier, String fingerprint) {
        var original = json.readTree(earlier.resultJson());
        if (earlier.fingerprint().equals(fingerprint)
                || earlier.fingerprint().equals(PosSyncRecords.ERASED_FINGERPRINT)) {
            return SyncResult.duplicate(index, order.clientOrderId(), earlier.orderId(), original);
        }
        var conflict = new SyncResult.Conflict(
                SyncRules.CLIENT_ORDER_ID_REUSED,
                SyncRules.REJECTED,
                "this device already synced another order under " + order.clientOrderId(),
                original);
        return new SyncResult(
                index,
                order.clientOrderId(),
                SyncResult.CONFLICT,
                earlier.orderId(),
                null,
                List.of(),
                List.of(conflict),
                List.of(),
                null);
    }
}
