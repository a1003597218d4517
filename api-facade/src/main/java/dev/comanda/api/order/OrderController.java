package dev.comanda.api.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.comanda.api.ApiProperties;
import dev.comanda.api.auth.Roles;
import dev.comanda.api.codec.PayloadAccess;
import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.identity.ActingParties;
import dev.comanda.api.identity.CustomerAuthentication;
import dev.comanda.api.identity.GuestAuthentication;
import dev.comanda.api.identity.TrackingTokens;
import dev.comanda.order.Actor;
import dev.comanda.order.CancelRequest;
import dev.comanda.order.OrderContract;
import dev.comanda.order.OrderStatus;
import dev.comanda.order.TransitionRequest;
import dev.comanda.persistence.order.OrderPage;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.order.PlacementReceipts;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders: place, read, list, cancel, move through the kitchen, and read the workflow history. A guest's
 * tracking token and a signed-in customer see their own orders only ({@link OrderAccess}); every change
 * names who asked for it ({@link ActingParties}).
 */
@Tag(name = ApiDocs.ORDERS)
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderPlacement placement;
    private final OrderWorkflows workflows;
    private final OrderQueries queries;
    private final ApiProperties properties;
    private final OrderLinks links;
    private final PlacementReceipts receipts;
    private final JsonMapper json;
    private final TrackingTokens trackingTokens;
    private final PayloadAccess payloadAccess;
    private final OrderAccess access;
    private final ActingParties parties;

    OrderController(
            OrderPlacement placement,
            OrderWorkflows workflows,
            OrderQueries queries,
            ApiProperties properties,
            OrderLinks links,
            PlacementReceipts receipts,
            JsonMapper json,
            TrackingTokens trackingTokens,
            PayloadAccess payloadAccess,
            OrderAccess access,
            ActingParties parties) {
        this.placement = placement;
        this.workflows = workflows;
        this.queries = queries;
        this.properties = properties;
        this.links = links;
        this.receipts = receipts;
        this.json = json;
        this.trackingTokens = trackingTokens;
        this.payloadAccess = payloadAccess;
        this.access = access;
        this.parties = parties;
    }

    @Operation(summary = "Place an order; the same Idempotency-Key replays the first response")
    @ApiResponse(
            responseCode = "201",
            description = "The order as accepted, PENDING; Location names it",
            content = @Content(schema = @Schema(implementation = OrderResponse.class)))
    @ApiResponse(responseCode = "422", description = ApiDocs.PLACEMENT_REFUSED)
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CUSTOMER','KITCHEN','ADMIN','DEVICE','STOREFRONT','CUSTOMER_ACCOUNT')")
    ResponseEntity<byte[]> place(
            Authentication authentication,
            @AuthenticationPrincipal Principal caller,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7E]{1,255}")) {
            throw ApiException.badParameter(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters");
        }
        var customerId = authentication instanceof CustomerAuthentication customer ? customer.customerId() : null;
        var placed = placement.place(caller, idempotencyKey, request, customerId);
        var body = placed.body();
        if (isStorefront(authentication)) {
            // A guest's order: the answer carries the token that reads, follows and cancels it (a fresh one
            // for a replay; none is stored).
            body = json.writeValueAsBytes(json.readValue(body, OrderResponse.class)
                    .withTrackingToken(trackingTokens.issue(caller.tenantId(), placed.orderId())));
        }
        return ResponseEntity.created(URI.create("/api/v1/orders/" + placed.orderId()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    @Operation(summary = "An order: the read model, overlaid with the live workflow state while it runs")
    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('CUSTOMER','KITCHEN','ADMIN','OPS','DEVICE','GUEST','CUSTOMER_ACCOUNT')")
    OrderResponse get(
            Authentication authentication, @AuthenticationPrincipal Principal caller, @PathVariable String id) {
        if (!OrderContract.isOrderId(id) || !access.maySee(authentication, caller.tenantId(), id)) {
            throw ApiException.notFound("order");
        }
        var order = read(caller.tenantId(), id);
        return OrderAccess.isCustomerSide(authentication) ? order.withoutStaffNames() : order;
    }

    private OrderResponse read(String tenantId, String id) {
        var view = queries.find(tenantId, id).orElse(null);
        if (view != null && view.status().isTerminal()) {
            return OrderResponse.of(tenantId, view, links);
        }
        try {
            var live = workflows.state(tenantId, id);
            if (live.isPresent()) {
                return OrderResponse.of(tenantId, live.get(), view, links);
            }
        } catch (ApiException e) {
            if (e.status() != HttpStatus.SERVICE_UNAVAILABLE) {
                throw e;
            }
            // The workflow cannot answer now (no worker up, a backlog): the read model's view, or else
            // the order as its placement was acknowledged — under a backlog the workflow may not have
            // written its first row yet, and an acknowledged order must still be readable.
            if (view == null) {
                return acknowledged(tenantId, id).orElseThrow(() -> e);
            }
        }
        if (view != null) {
            return OrderResponse.of(tenantId, view, links);
        }
        throw ApiException.notFound("order");
    }

    /**
     * The order as its placement acknowledged it, PENDING: from its receipt, which the API keeps in MySQL
     * before it starts the workflow (the replay kept in Redis holds no customer).
     */
    private Optional<OrderResponse> acknowledged(String tenantId, String orderId) {
        return receipts.find(tenantId, orderId).map(order -> OrderResponse.placed(order, links));
    }

    private static final String PAGE = "must be between 1 and 100000";
    private static final String SORT = "must be created_at, updated_at or total, optionally prefixed with -";

    @Operation(summary = "A page of the tenant's orders; a signed-in customer's own, a guest's one")
    @GetMapping
    @PreAuthorize("hasAnyRole('CUSTOMER','KITCHEN','ADMIN','OPS','DEVICE','GUEST','CUSTOMER_ACCOUNT')")
    OrderList list(
            Authentication authentication,
            @AuthenticationPrincipal Principal caller,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = PAGE) @Max(value = 100_000, message = PAGE)
                    int page,
            @RequestParam(name = "per_page", required = false) Integer perPage,
            @RequestParam(required = false) List<String> status,
            @RequestParam(name = "created_from", required = false) Instant createdFrom,
            @RequestParam(name = "created_to", required = false) Instant createdTo,
            @RequestParam(defaultValue = "-created_at")
                    @Pattern(regexp = "(-?(created_at|updated_at|total))?", message = SORT)
                    String sort,
            @RequestParam(required = false) List<String> include) {
        var search = OrderListParameters.search(
                caller.tenantId(), page, perPage, status, createdFrom, createdTo, sort, include, properties);
        if (authentication instanceof GuestAuthentication guest) {
            return guestsOrder(caller.tenantId(), guest.orderId(), search.perPage());
        }
        if (authentication instanceof CustomerAuthentication customer) {
            search = search.ofCustomer(customer.customerId());
        }
        OrderPage result = queries.list(search);
        var customerSide = OrderAccess.isCustomerSide(authentication);
        return new OrderList(
                result.orders().stream()
                        .map(view -> OrderResponse.of(caller.tenantId(), view, links))
                        .map(order -> customerSide ? order.withoutStaffNames() : order)
                        .toList(),
                result.page(),
                result.perPage(),
                result.total());
    }

    /** A guest's list: its own order, once the read model has it. */
    private OrderList guestsOrder(String tenantId, String orderId, int perPage) {
        var items = queries.find(tenantId, orderId)
                .map(view -> List.of(OrderResponse.of(tenantId, view, links).withoutStaffNames()))
                .orElse(List.of());
        return new OrderList(items, 1, perPage, items.size());
    }

    private static boolean isStorefront(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals(Roles.authority(Roles.STOREFRONT)));
    }

    /** A page of orders: which page of how many per page, and how many orders match in all. */
    record OrderList(
            List<OrderResponse> items,
            int page,
            @JsonProperty("per_page") int perPage,
            long total) {}

    @Operation(summary = "Cancel: customers until ACCEPTED, the restaurant until READY; runs the compensations")
    @ApiResponse(responseCode = "200", description = "The order, CANCELLED, once refund and restock ran")
    @ApiResponse(responseCode = "409", description = ApiDocs.REFUSED_MOVE)
    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('CUSTOMER','KITCHEN','ADMIN','OPS','GUEST','CUSTOMER_ACCOUNT')")
    OrderResponse cancel(
            Authentication authentication,
            @AuthenticationPrincipal Principal caller,
            @PathVariable String id,
            @Valid @RequestBody(required = false) CancelBody body) {
        if (!OrderContract.isOrderId(id) || !access.maySee(authentication, caller.tenantId(), id)) {
            throw ApiException.notFound("order");
        }
        var note = body == null ? null : body.reason();
        var cancelled = OrderResponse.of(
                caller.tenantId(),
                workflows.cancel(
                        caller.tenantId(), id, new CancelRequest(caller.role(), note, parties.of(authentication))),
                null,
                links);
        return OrderAccess.isCustomerSide(authentication) ? cancelled.withoutStaffNames() : cancelled;
    }

    @Operation(summary = "Move the order through the kitchen; an illegal move answers 409 with the reason")
    @ApiResponse(
            responseCode = "200",
            description = "The order in its new status; a hand-over (PICKED_UP, DELIVERED, SERVED) completes it, so"
                    + " its answer says COMPLETED, with the hand-over on the timeline")
    @ApiResponse(responseCode = "409", description = ApiDocs.REFUSED_MOVE)
    @PostMapping("/{id}/transitions")
    @PreAuthorize("hasAnyRole('KITCHEN','ADMIN','DEVICE')")
    OrderResponse transition(
            Authentication authentication,
            @AuthenticationPrincipal Principal caller,
            @PathVariable String id,
            @Valid @RequestBody TransitionBody body) {
        var state = workflows.transition(
                caller.tenantId(), id, new TransitionRequest(body.status(), caller.role(), parties.of(authentication)));
        return OrderResponse.of(caller.tenantId(), state, null, links);
    }

    @Operation(summary = "The workflow's event history as JSON (Temporal's format), for ops")
    @ApiResponse(
            responseCode = "200",
            description = "Temporal's JSON history: events with their types and attributes",
            content = @Content(schema = @Schema(type = "object", additionalPropertiesSchema = Object.class)))
    @GetMapping(value = "/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('OPS','ADMIN')")
    String history(@AuthenticationPrincipal Principal caller, @PathVariable String id, Authentication authentication) {
        if (!OrderContract.isOrderId(id)) {
            throw ApiException.notFound("order");
        }
        // Customers' data decrypted for OPS only (docs/personal-data.md); an ADMIN reads the history encrypted.
        return workflows.historyJson(
                caller.tenantId(),
                id,
                payload -> caller.role() == Actor.OPS ? payloadAccess.decode(authentication, payload) : payload);
    }

    record CancelBody(@CodePointLength(max = 200) String reason) {}

    record TransitionBody(@NotNull OrderStatus status) {}
}
