package dev.comanda.api.order;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.admission.Admission;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.error.Unavailable;
import dev.comanda.observability.LogContext;
import dev.comanda.order.Actor;
import dev.comanda.order.Address;
import dev.comanda.order.Channel;
import dev.comanda.order.Customer;
import dev.comanda.order.Fulfilment;
import dev.comanda.order.FulfilmentType;
import dev.comanda.order.Money;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderLine;
import dev.comanda.order.OrderPolicy;
import dev.comanda.order.OrderState;
import dev.comanda.order.Payment;
import dev.comanda.order.PaymentMethod;
import dev.comanda.order.PlaceOrder;
import dev.comanda.persistence.catalog.CatalogService;
import dev.comanda.persistence.identity.CustomerOrders;
import dev.comanda.persistence.order.PlacementReceipts;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a placement request into a started order workflow, exactly once per Idempotency-Key: the key
 * names the workflow (so a repeat can never make a second order) and the first response is kept and
 * replayed byte for byte; the same key with another body is refused. A signed-in customer's keys are its
 * own (they name other orders than anyone else's same key), and its order is recorded as its own before
 * the workflow starts.
 */
@Service
class OrderPlacement {

    private final CatalogService catalog;
    private final OrderWorkflows workflows;
    private final PlacementReplay replay;
    private final MarketplaceChannels marketplaces;
    private final ApiProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final OrderLinks links;
    private final PlacementReceipts receipts;
    private final Admission admission;
    private final CustomerOrders customerOrders;

    OrderPlacement(
            CatalogService catalog,
            OrderWorkflows workflows,
            PlacementReplay replay,
            MarketplaceChannels marketplaces,
            ApiProperties properties,
            JsonMapper json,
            Clock clock,
            OrderLinks links,
            PlacementReceipts receipts,
            Admission admission,
            CustomerOrders customerOrders) {
        this.catalog = catalog;
        this.workflows = workflows;
        this.replay = replay;
        this.marketplaces = marketplaces;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.links = links;
        this.receipts = receipts;
        this.admission = admission;
        this.customerOrders = customerOrders;
    }

    /** The order ID and the response body (JSON bytes): new, or the first one for this key. */
    record Placed(String orderId, byte[] body) {}

    Placed place(Principal caller, String idempotencyKey, PlaceOrderRequest request) {
        return place(caller, idempotencyKey, request, null);
    }

    /**
     * The same, for the signed-in customer {@code customerId} when it is not null: the order is its own.
     * Its keys live in a namespace of their own, so another caller's same key never replays its order
     * to it (nor its order to another).
     */
    Placed place(Principal caller, String idempotencyKey, PlaceOrderRequest request, Long customerId) {
        var tenantId = caller.tenantId();
        var key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        if (customerId != null) {
            key = "customer-" + customerId + ":" + key;
        }
        var orderId = OrderContract.orderId(tenantId, key);
        // The request's log context knew the tenant only; from here on its lines name the order too.
        LogContext.putOrder(tenantId, orderId);
        var fingerprint = fingerprint(request);
        var earlier = replay.find(tenantId, orderId);
        if (earlier.isPresent()) {
            return new Placed(orderId, answer(sameRequestOrRefuse(earlier.get(), fingerprint), request));
        }
        // A request wrong in itself was never placed, whatever its key names: refused before any look at an
        // earlier order under the key, which would answer it with that order.
        requireConsistent(request);
        PlaceOrder order;
        try {
            order = priced(tenantId, orderId, caller, request);
        } catch (ApiException refused) {
            return alreadyPlaced(tenantId, orderId, fingerprint, request).orElseThrow(() -> refused);
        }
        // Shed before anything is written; a retry of an order that was accepted is answered, never shed.
        admission.admit(
                tenantId, orderId, () -> receipts.find(tenantId, orderId).isPresent());
        try {
            if (customerId != null) {
                // Before the start, like the receipt: an order acknowledged to a customer is always its own.
                customerOrders.record(tenantId, orderId, customerId);
            }
            // Kept before the start: an order acknowledged to the client is never only in Temporal.
            receipts.record(order);
            // The answer carries the outcome when the saga settles within the placement's wait.
            var outcome = workflows.startAndAwaitOutcome(order);
            outcome.ifPresent(settled -> admission.release(orderId));
            var body = json.writeValueAsBytes(outcome.map(settled -> OrderResponse.of(tenantId, settled, null, links))
                    .orElseGet(() -> OrderResponse.placed(kept(order), links)));
            return new Placed(orderId, keep(tenantId, orderId, fingerprint, body, request));
        } catch (RuntimeException failed) {
            if (!startMayBeUnderWay(failed)) {
                admission.withdraw(orderId);
            }
            throw failed;
        }
    }

    /**
     * The order as its key's first placement kept it: a repeat of the key (a retry, or a twin sent at once) is
     * answered with the order that was placed, its time of placement included, not with its own copy — the
     * same answer every request under the key gets when the kept answer (Redis) is out of reach.
     */
    private PlaceOrder kept(PlaceOrder order) {
        return receipts.find(order.tenantId(), order.orderId()).orElse(order);
    }

    /**
     * Whether the placement failed on Temporal, which may have started the workflow or be starting it while too
     * busy to say. Its admission slot then stays the order's until the order's answer is heard or the in-flight
     * timeout gives it back, and a retry under its key holds that same slot: given back at once, each retry
     * against a slow server would let another new order add to its load, and a server that fell behind for a few
     * seconds would never catch up (a db-restart fault run saw exactly that retry storm).
     */
    private static boolean startMayBeUnderWay(RuntimeException failed) {
        return Unavailable.dependencyOf(failed)
                .filter(Unavailable.Dependency.TEMPORAL::equals)
                .isPresent();
    }

    /**
     * The order a retry names when its first attempt did start the workflow but the replay record is
     * gone (Redis down or flushed): re-validating would refuse it against the stock it now holds
     * itself, telling the client "no" about an order that goes on and is charged.
     */
    private Optional<Placed> alreadyPlaced(
            String tenantId, String orderId, String fingerprint, PlaceOrderRequest request) {
        // A workflow is started only after its receipt is kept: no receipt, no order, and the refusal stands
        // without asking Temporal.
        var receipt = receipts.find(tenantId, orderId);
        if (receipt.isEmpty()) {
            return Optional.empty();
        }
        Optional<OrderState> state;
        try {
            state = workflows.state(tenantId, orderId);
        } catch (ApiException unanswered) {
            if (unanswered.status() != HttpStatus.SERVICE_UNAVAILABLE) {
                throw unanswered;
            }
            // The workflow cannot answer now (busy, or its history no longer decodes): the placement answers
            // what it knows, as one whose outcome is not known in time does.
            state = Optional.empty();
        }
        var body = state.map(live -> OrderResponse.of(tenantId, live, null, links))
                .orElseGet(() -> OrderResponse.placed(receipt.get(), links));
        // Kept like any placement's answer: a twin request still waiting for the outcome (the one whose
        // reservation took the stock this one was refused on) answers the same, and so does every retry.
        return Optional.of(
                new Placed(orderId, keep(tenantId, orderId, fingerprint, json.writeValueAsBytes(body), request)));
    }

    /**
     * Keeps {@code body} as the key's answer and returns it, unless a request with the same key got there
     * first: then its kept answer, with this request's customer put back (the same one, or the fingerprint
     * refuses it). Every request under one key answers the same.
     */
    private byte[] keep(String tenantId, String orderId, String fingerprint, byte[] body, PlaceOrderRequest request) {
        var first = replay.storeFirst(tenantId, orderId, fingerprint, body);
        return first.isEmpty() ? body : answer(sameRequestOrRefuse(first.get(), fingerprint), request);
    }

    /** A kept answer with this request's customer and delivery address, which it was kept without. */
    private byte[] answer(PlacementReplay.Stored stored, PlaceOrderRequest request) {
        return replay.answer(stored, customer(request), deliveryAddress(request));
    }

    private static Customer customer(PlaceOrderRequest request) {
        var c = request.customer();
        return new Customer(c.name(), c.email(), c.phone());
    }

    /** Where a DELIVERY goes; null for the other fulfilments, whatever the request sent. */
    private static Address deliveryAddress(PlaceOrderRequest request) {
        var f = request.fulfilment();
        var a = f.address();
        return f.type() != FulfilmentType.DELIVERY || a == null
                ? null
                : new Address(a.street(), a.number(), a.complement(), a.city(), a.postalCode());
    }

    private static PlacementReplay.Stored sameRequestOrRefuse(PlacementReplay.Stored stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw ApiException.invalidField(
                    "Idempotency-Key", "was already used for a different request; use a new key for a new order");
        }
        return stored;
    }

    private PlaceOrder priced(String tenantId, String orderId, Principal caller, PlaceOrderRequest request) {
        var skus = request.items().stream()
                .map(PlaceOrderRequest.Item::sku)
                .distinct()
                .toList();
        var products = catalog.findForOrder(tenantId, skus);
        var lines = new ArrayList<OrderLine>();
        var quantities = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < request.items().size(); i++) {
            var item = request.items().get(i);
            var product = products.get(item.sku());
            if (product == null) {
                throw ApiException.invalidField("items[" + i + "].sku", "unknown or inactive product " + item.sku());
            }
            var wanted = quantities.merge(item.sku(), item.quantity(), Integer::sum);
            if (wanted > product.available()) {
                throw ApiException.invalidField(
                        "items[" + i + "].quantity",
                        "only " + product.available() + " of " + item.sku() + " available");
            }
            lines.add(new OrderLine(product.sku(), product.name(), item.quantity(), product.price()));
        }
        var currency = lines.getFirst().unitPrice().currency();
        var total = lines.stream().map(OrderLine::lineTotal).reduce(Money.zero(currency), Money::plus);
        var f = request.fulfilment();
        return new PlaceOrder(
                tenantId,
                orderId,
                request.channel() != null ? request.channel() : defaultChannel(caller),
                customer(request),
                lines,
                new Fulfilment(f.type(), deliveryAddress(request), f.table()),
                new Payment(request.payment().method(), request.payment().cardToken()),
                total,
                marketplaces.enabled(tenantId),
                new OrderPolicy(properties.reservationTtl(), properties.acceptDeadline()),
                clock.instant());
    }

    /** Rules across fields, which Bean Validation on single fields cannot say. */
    private static void requireConsistent(PlaceOrderRequest request) {
        var f = request.fulfilment();
        if (f.type() == FulfilmentType.DELIVERY && f.address() == null) {
            throw ApiException.invalidField("fulfilment.address", "is required for DELIVERY");
        }
        if (f.type() == FulfilmentType.DINE_IN
                && (f.table() == null || f.table().isBlank())) {
            throw ApiException.invalidField("fulfilment.table", "is required for DINE_IN");
        }
        var p = request.payment();
        if (p.method() == PaymentMethod.CARD
                && (p.cardToken() == null || p.cardToken().isBlank())) {
            throw ApiException.invalidField("payment.cardToken", "is required for CARD");
        }
    }

    private static Channel defaultChannel(Principal caller) {
        return caller.role() == Actor.CUSTOMER ? Channel.WEB : Channel.POS;
    }

    /** The request as the server understood it, so whitespace or key order never makes two requests differ. */
    private String fingerprint(PlaceOrderRequest request) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
