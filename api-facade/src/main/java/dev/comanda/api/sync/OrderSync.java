package dev.comanda.api.sync;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.error.ApiException.FieldError;
import dev.comanda.api.order.OrderWorkflows;
import dev.comanda.catalog.CatalogChanges;
import dev.comanda.catalog.CatalogChanges.ProductState;
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
import dev.comanda.pos.PosDevices.Device;
import dev.comanda.pos.PosSyncRecords;
import dev.comanda.pos.PosSyncRecords.Recorded;
import dev.comanda.pos.PosTables;
import dev.comanda.sync.MarketplaceEndpointRepository;
import dev.comanda.tenant.TenantRepository;
import jakarta.validation.Validator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
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
    private final SyncProperties properties;
    private final Validator validator;
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
            SyncProperties properties,
            Validator validator,
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
        this.validator = validator;
        this.json = json;
        this.clock = clock;
    }

    /** One result per order, in the batch's order. */
    List<SyncResult> upload(String tenantId, Device device, List<JsonNode> batch) {
        if (batch == null || batch.isEmpty()) {
            throw batchError("orders", "must hold at least one order");
        }
        if (batch.size() > properties.maxBatch()) {
            throw batchError(
                    "orders", "holds " + batch.size() + " orders; at most " + properties.maxBatch() + " per batch");
        }
        requireDistinctClientIds(batch);
        var parsed = new ArrayList<SyncOrder>();
        var results = new SyncResult[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            parsed.add(parse(i, batch.get(i), results));
        }
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
        for (int i = 0; i < batch.size(); i++) {
            var order = parsed.get(i);
            if (order != null) {
                results[i] = one(tenantId, device, i, order, currency, products, stockLeft, closures, recorded);
            }
        }
        return List.of(results);
    }

    /** The order at {@code index}, or null with its {@code invalid} result set. */
    private SyncOrder parse(int index, JsonNode node, SyncResult[] results) {
        var clientId = clientId(node);
        if (node == null || !node.isObject()) {
            results[index] = SyncResult.invalid(index, null, List.of(new FieldError("order", "must be a JSON object")));
            return null;
        }
        SyncOrder order;
        try {
            order = json.treeToValue(node, SyncOrder.class);
        } catch (JacksonException e) {
            results[index] = SyncResult.invalid(
                    index, clientId, List.of(new FieldError(path(e), "has the wrong type or format")));
            return null;
        }
        var violations = validator.validate(order).stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        if (!violations.isEmpty()) {
            results[index] = SyncResult.invalid(index, clientId, violations);
            return null;
        }
        return order;
    }

    private SyncResult one(
            String tenantId,
            Device device,
            int index,
            SyncOrder order,
            String currency,
            Map<String, ProductState> products,
            Map<String, Integer> stockLeft,
            Map<String, PosTables.Closure> closures,
            Map<String, Recorded> recorded) {
        var fingerprint = fingerprint(order);
        var earlier = recorded.get(order.clientOrderId());
        if (earlier != null) {
            return answerAgain(index, order, earlier, fingerprint);
        }
        var now = clock.instant();
        var evaluation = SyncRules.evaluate(order, products, stockLeft, closures, currency, now, properties);
        if (!evaluation.valid()) {
            return SyncResult.invalid(index, order.clientOrderId(), evaluation.errors());
        }
        var orderId = OrderContract.orderId(tenantId, "pos:" + device.id() + ":" + order.clientOrderId());
        var total = evaluation.lines().stream().map(OrderLine::lineTotal).reduce(Money.zero(currency), Money::plus);
        workflows.start(placeOrder(tenantId, device, order, orderId, evaluation, total));
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
            Money total) {
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
                marketplaces.enabledChannels(tenantId),
                new OrderPolicy(apiProperties.reservationTtl(), properties.acceptDeadline()),
                clock.instant(),
                new OfflineOrigin(device.id(), order.clientOrderId(), order.createdAt(), evaluation.flags()));
    }

    /** A re-sent order: the first answer again, or a conflict when the device reused the ID for another order. */
    private SyncResult answerAgain(int index, SyncOrder order, Recorded earlier, String fingerprint) {
        var original = json.readTree(earlier.resultJson());
        if (earlier.fingerprint().equals(fingerprint)) {
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

    /** Two orders under one client ID in one batch cannot both be meant: the whole batch is refused. */
    private static void requireDistinctClientIds(List<JsonNode> batch) {
        var seen = new HashSet<String>();
        for (int i = 0; i < batch.size(); i++) {
            var id = clientId(batch.get(i));
            if (id != null && !seen.add(id)) {
                throw batchError("orders[" + i + "].clientOrderId", "repeats " + id + " from earlier in this batch");
            }
        }
    }

    private static String clientId(JsonNode node) {
        var id = node == null ? null : node.get("clientOrderId");
        return id != null && id.isString() ? id.asString() : null;
    }

    private static ApiException batchError(String field, String message) {
        return new ApiException(
                HttpStatus.BAD_REQUEST, field + ": " + message, List.of(new FieldError(field, message)));
    }

    private String fingerprint(SyncOrder order) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(order)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String path(JacksonException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "order" : path.toString();
    }
}
