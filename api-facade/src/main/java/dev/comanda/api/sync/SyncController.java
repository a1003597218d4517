package dev.comanda.api.sync;

import dev.comanda.api.Text;
import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.error.ProblemType;
import dev.comanda.order.Actor;
import dev.comanda.persistence.pos.PosDevices;
import dev.comanda.persistence.pos.PosDevices.Device;
import dev.comanda.persistence.pos.PosTables;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The offline-first POS: batch upload of orders taken offline, delta pull and snapshot (docs/pos-sync.md). */
@RestController
@Tag(name = ApiDocs.SYNC)
@RequestMapping("/api/v1/sync")
class SyncController {

    static final String SNAPSHOT_PATH = "/api/v1/sync/snapshot";

    private final OrderSync upload;
    private final SyncChanges changes;
    private final PosDevices devices;
    private final PosTables tables;
    private final Clock clock;

    SyncController(OrderSync upload, SyncChanges changes, PosDevices devices, PosTables tables, Clock clock) {
        this.upload = upload;
        this.changes = changes;
        this.devices = devices;
        this.tables = tables;
        this.clock = clock;
    }

    @Operation(summary = "Upload up to 100 orders taken offline; one result per order", description = """
                    Each order is idempotent by (tenant, device, clientOrderId): re-sending a batch creates \
                    nothing twice. Results: created (orderId), duplicate (the first answer in original), \
                    conflict (rule, resolution and the server's view; the order is still recorded unless the \
                    resolution says REJECTED) or invalid (field errors, nothing written). Rules: an offline \
                    price is honoured while the order is younger than COMANDA_SYNC_OFFLINE_PRICE_MAX_AGE (24h), \
                    older ones are recorded at that price and flagged STALE_OFFLINE_PRICE; a product taken off \
                    sale meanwhile is recorded and flagged PRODUCT_DEACTIVATED; stock that ran out is sold into \
                    a counted deficit (STOCK_DEFICIT) and the kitchen told; an order for a table another device \
                    closed after the order was taken is recorded as a separate bill (TABLE_CLOSED); a client \
                    order ID reused for another order is refused (CLIENT_ORDER_ID_REUSED). A batch of more than 100 orders, with \
                    an item that is not a JSON object (orders[i]) or with a client order ID twice is refused whole \
                    with 400.""")
    @PostMapping(value = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('DEVICE')")
    Upload orders(@AuthenticationPrincipal Principal caller, @RequestBody Batch body) {
        var results = upload.upload(caller.tenantId(), device(caller), body.orders());
        var counts = new java.util.TreeMap<String, Long>();
        results.forEach(r -> counts.merge(r.result(), 1L, Long::sum));
        return new Upload(results, counts);
    }

    /** One result per uploaded order, in the batch's order, and how many orders got each result. */
    record Upload(List<SyncResult> results, Map<String, Long> counts) {}

    @Operation(
            summary = "Changes since a cursor: order events, orders, products and stock, in commit order",
            description = """
                    Without since, from the beginning. Answers the next cursor and hasMore. Products off sale \
                    come as tombstones. 410 when the cursor is too far behind or ahead: resync from \
                    GET /api/v1/sync/snapshot and pull from its cursor.""")
    @ApiResponse(responseCode = "200", description = "The changes, the next cursor and whether more wait")
    @ApiResponse(
            responseCode = "400",
            description = "A parameter is malformed, or since is not a cursor this tenant was given (another"
                    + " tenant's, or of an older format): pull without since, or from the snapshot's cursor")
    @ApiResponse(responseCode = "410", description = "The cursor is too far behind or ahead: resync from the snapshot")
    @GetMapping("/changes")
    @PreAuthorize("hasAnyRole('DEVICE','KITCHEN','ADMIN')")
    SyncChanges.Page changes(
            @AuthenticationPrincipal Principal caller,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) Integer limit) {
        device(caller);
        return changes.since(caller.tenantId(), since, limit);
    }

    @Operation(summary = "The whole catalog and the open and recent orders, with the cursor to pull from next")
    @GetMapping("/snapshot")
    @PreAuthorize("hasAnyRole('DEVICE','KITCHEN','ADMIN')")
    SyncChanges.Page snapshot(@AuthenticationPrincipal Principal caller) {
        device(caller);
        return changes.snapshot(caller.tenantId());
    }

    @Operation(summary = "Close a dine-in table's bill", description = """
                    closedAt is the closing device's clock (a device may close a table while offline and send \
                    this later); the server's clock when absent. An order another device took for the table \
                    before this closure, synced after it, is recorded and flagged TABLE_CLOSED.""")
    @ApiResponse(responseCode = "201", description = "The closure as recorded")
    @ApiResponse(responseCode = "422", description = "closedAt is before 2000 or more than a day ahead")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(value = "/tables/{table}/close")
    @PreAuthorize("hasAnyRole('DEVICE','KITCHEN','ADMIN')")
    ResponseEntity<PosTables.Closure> closeTable(
            @AuthenticationPrincipal Principal caller,
            @PathVariable @CodePointLength(max = 20) @Pattern(regexp = Text.PATH_SEGMENT) String table,
            @RequestBody(required = false) TableClosure body) {
        var device = device(caller);
        var now = clock.instant();
        var closedAt = body == null || body.closedAt() == null ? now : body.closedAt();
        // A device's clock may run a little ahead, not a day; and a closure before 2000 is a broken clock.
        if (closedAt.isBefore(EARLIEST_CLOSURE) || closedAt.isAfter(now.plus(java.time.Duration.ofDays(1)))) {
            throw ApiException.invalidField("closedAt", "must be between 2000-01-01 and a day from now");
        }
        var closure = tables.close(caller.tenantId(), table, closedAt, device == null ? null : device.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(closure);
    }

    private static final Instant EARLIEST_CLOSURE = Instant.parse("2000-01-01T00:00:00Z");

    record TableClosure(Instant closedAt) {}

    @ExceptionHandler(SyncChanges.CursorGone.class)
    ResponseEntity<ProblemDetail> gone(SyncChanges.CursorGone e) {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.GONE, e.getMessage() + "; resync: GET " + SNAPSHOT_PATH + ", then pull with its cursor");
        problem.setType(ProblemType.SYNC_CURSOR_EXPIRED.uri());
        problem.setProperty("snapshot", SNAPSHOT_PATH);
        return ResponseEntity.status(HttpStatus.GONE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The calling device, live; staff tokens may pull too but only a device uploads. */
    private Device device(Principal caller) {
        if (caller.role() != Actor.DEVICE) {
            return null;
        }
        return devices.byToken(caller.tenantId(), caller.tokenId())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "this device was revoked"));
    }

    record Batch(@NotNull List<JsonNode> orders) {}
}
