package dev.comanda.api.ops;

import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.identity.ActingParties;
import dev.comanda.notification.NotificationActivities.NotificationKind;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.notification.NotificationOutbox;
import dev.comanda.persistence.ops.OpsLedger;
import dev.comanda.persistence.ops.OpsLedger.Action;
import dev.comanda.persistence.ops.OpsLedger.ActionKind;
import dev.comanda.persistence.ops.OpsQueue;
import dev.comanda.persistence.ops.OrderEffects;
import dev.comanda.persistence.ops.QueueEntry;
import dev.comanda.persistence.ops.QueueReason;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.reconciliation.OrderRetryWorkflow.Kind;
import dev.comanda.reconciliation.OrderRetryWorkflow.RetryRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The queue of orders that went wrong, for OPS tokens (their tenant) and the operator key (every
 * tenant): list, show why, retry where it is safe, resolve with a note. Every action is audited under
 * the caller's Idempotency-Key: a repeat answers what the first did, anything that cannot be done is a 409.
 */
@Tag(name = ApiDocs.OPS)
@RestController
@RequestMapping("/api/v1/ops/orders")
class OpsOrderController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_LIMIT = 500;
    private static final String LIMIT = "must be between 1 and " + MAX_LIMIT;

    private final OpsQueue queue;
    private final OpsLedger ledger;
    private final OrderEffects effects;
    private final OrderQueries orders;
    private final OpsWorkflows workflows;
    private final ActingParties parties;
    private final NotificationOutbox notices;
    private final Clock clock = Clock.systemUTC();

    OpsOrderController(
            OpsQueue queue,
            OpsLedger ledger,
            OrderEffects effects,
            OrderQueries orders,
            OpsWorkflows workflows,
            ActingParties parties,
            NotificationOutbox notices) {
        this.queue = queue;
        this.ledger = ledger;
        this.effects = effects;
        this.orders = orders;
        this.workflows = workflows;
        this.parties = parties;
        this.notices = notices;
    }

    @Operation(summary = "Orders that went wrong, oldest first: filter by reason, minimum age and (operator) tenant")
    @PreAuthorize(OpsScope.CALLERS)
    @GetMapping("/queue")
    OpsAnswers.Queue list(
            Authentication authentication,
            @RequestParam(required = false) List<String> reason,
            @RequestParam(name = "older_than", required = false) String olderThan,
            @RequestParam(required = false) String tenant,
            @RequestParam(defaultValue = "100")
                    @Min(value = 1, message = LIMIT)
                    @Max(value = MAX_LIMIT, message = LIMIT)
                    int limit) {
        var caller = OpsScope.of(authentication);
        var scope = caller.listScope(tenant);
        var reasons = reasons(reason);
        var minAge = minAge(olderThan);
        var entries = new ArrayList<>(queue.list(reasons, scope, minAge, limit));
        if (reasons.isEmpty() || reasons.contains(QueueReason.WORKFLOW_FAILED)) {
            var cutoff = clock.instant().minus(minAge);
            workflows.failedOrders(scope, limit).stream()
                    .filter(entry -> entry.since() == null || entry.since().isBefore(cutoff))
                    .filter(entry ->
                            ledger.resolution(entry.tenantId(), entry.orderId()).isEmpty())
                    .forEach(entries::add);
        }
        entries.sort(Comparator.comparing(QueueEntry::since, Comparator.nullsLast(Comparator.naturalOrder())));
        var items = entries.size() > limit ? entries.subList(0, limit) : entries;
        return new OpsAnswers.Queue(items, items.size());
    }

    @Operation(summary = "Why an order is in the queue: its failure, compensations, money and stock, findings, actions")
    @PreAuthorize(OpsScope.CALLERS)
    @GetMapping("/{id}")
    OpsAnswers.OrderDetail show(
            Authentication authentication, @PathVariable String id, @RequestParam(required = false) String tenant) {
        var scope = OpsScope.of(authentication).orderScope(tenant);
        var problems = problems(scope, id);
        var view = orders.find(scope, id);
        if (view.isEmpty() && problems.isEmpty()) {
            throw ApiException.notFound("order");
        }
        return OpsAnswers.OrderDetail.of(
                view.orElse(null),
                problems,
                workflows.status(scope, id).orElse("MISSING"),
                effects.of(scope, id),
                ledger.actionsOf(scope, id),
                ledger.resolution(scope, id).orElse(null));
    }

    @Operation(summary = "Resolve an order with a note (who, when, why); it leaves the queue. Needs an Idempotency-Key")
    @ApiResponse(responseCode = "200", description = "What was done (or, for a repeated key, what was done then)")
    @ApiResponse(responseCode = "409", description = ApiDocs.OPS_CONFLICT)
    @PreAuthorize(OpsScope.CALLERS)
    @PostMapping("/{id}/resolve")
    OpsAnswers.ActionAnswer resolve(
            Authentication authentication,
            @RequestHeader(name = IDEMPOTENCY_KEY) String idempotencyKey,
            @PathVariable String id,
            @RequestParam(required = false) String tenant,
            @Valid @RequestBody ResolveBody body) {
        var caller = OpsScope.of(authentication);
        var scope = caller.orderScope(tenant);
        var key = scopedKey(scope, idempotencyKey);
        var replay = replay(key, scope, id, ActionKind.RESOLVE);
        if (replay != null) {
            return replay;
        }
        var problems = problems(scope, id);
        if (problems.isEmpty() && orders.find(scope, id).isEmpty()) {
            // Another tenant's order is not found, whatever it holds.
            throw ApiException.notFound("order");
        }
        var existing = ledger.resolution(scope, id);
        if (existing.isPresent()) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "already resolved by " + existing.get().resolvedBy() + " at "
                            + existing.get().resolvedAt());
        }
        if (problems.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "nothing to resolve: the order is not in the queue");
        }
        var action = new Action(
                scope,
                id,
                key,
                ActionKind.RESOLVE,
                caller.actor(),
                body.note(),
                "RESOLVED",
                now(),
                name(authentication));
        var resolution = ledger.resolve(action);
        if (resolution.isEmpty()) {
            // Another request got there between the checks and the insert: answer what it did.
            var raced = replay(key, scope, id, ActionKind.RESOLVE);
            if (raced != null) {
                return raced;
            }
            throw new ApiException(HttpStatus.CONFLICT, "already resolved");
        }
        return answer(action);
    }

    @Operation(
            summary =
                    "Retry where it is safe: MARKETPLACE_PUSH (with channel), REFUND, NOTIFICATION (with notification: a kind"
                            + " that gave up, sent again), or RESET a failed workflow. Needs an Idempotency-Key")
    @ApiResponse(responseCode = "200", description = "What was done (or, for a repeated key, what was done then)")
    @ApiResponse(responseCode = "409", description = ApiDocs.OPS_CONFLICT)
    @PreAuthorize(OpsScope.CALLERS)
    @PostMapping("/{id}/retry")
    OpsAnswers.ActionAnswer retry(
            Authentication authentication,
            @RequestHeader(name = IDEMPOTENCY_KEY) String idempotencyKey,
            @PathVariable String id,
            @RequestParam(required = false) String tenant,
            @Valid @RequestBody RetryBody body) {
        var caller = OpsScope.of(authentication);
        var scope = caller.orderScope(tenant);
        var key = scopedKey(scope, idempotencyKey);
        var kind = switch (body.action()) {
            case MARKETPLACE_PUSH -> ActionKind.RETRY_MARKETPLACE;
            case REFUND -> ActionKind.RETRY_REFUND;
            case NOTIFICATION -> ActionKind.RETRY_NOTIFICATION;
            case RESET -> ActionKind.RESET_WORKFLOW;
        };
        var previous = ledger.action(key);
        if (previous.isPresent()) {
            requireSame(previous.get(), scope, id, kind);
            if (!previous.get().outcome().startsWith("STARTED")) {
                return answer(previous.get());
            }
        } else {
            requireRetryable(scope, id, body);
        }
        var by = parties.of(authentication);
        var started = new Action(
                scope, id, key, kind, caller.actor(), body.note(), "STARTED", now(), by == null ? null : by.name());
        ledger.begin(started);
        var outcome = switch (body.action()) {
            case MARKETPLACE_PUSH ->
                workflows.retry(new RetryRequest(Kind.MARKETPLACE_PUSH, scope, id, body.channel()), key);
            case REFUND -> workflows.retry(new RetryRequest(Kind.REFUND, scope, id, null), key);
            case NOTIFICATION ->
                workflows.retry(new RetryRequest(Kind.NOTIFICATION, scope, id, null, body.notification()), key);
            case RESET ->
                workflows.reset(
                        scope,
                        id,
                        key,
                        (by == null ? caller.actor() : by.label()) + (body.note() == null ? "" : ": " + body.note()));
        };
        ledger.complete(key, outcome);
        return answer(ledger.action(key).orElseThrow());
    }

    /** The name of who acts, for the ledger: a person's, a key's or a device's. */
    private String name(Authentication caller) {
        var by = parties.of(caller);
        return by == null ? null : by.name();
    }

    private void requireRetryable(String scope, String id, RetryBody body) {
        var problems = problems(scope, id);
        if (problems.isEmpty() && orders.find(scope, id).isEmpty()) {
            throw ApiException.notFound("order");
        }
        switch (body.action()) {
            case MARKETPLACE_PUSH -> {
                if (body.channel() == null) {
                    throw ApiException.invalidField("channel", "is required for MARKETPLACE_PUSH");
                }
                var failing = problems.stream()
                        .anyMatch(p -> p.reason() == QueueReason.MARKETPLACE_FAILING
                                && p.detail() != null
                                && p.detail().startsWith(body.channel() + ":"));
                if (!failing) {
                    throw new ApiException(
                            HttpStatus.CONFLICT, "no failing push of this order to " + body.channel() + " to retry");
                }
            }
            case REFUND -> {
                if (problems.stream().noneMatch(p -> p.reason() == QueueReason.REFUND_PENDING)) {
                    throw new ApiException(HttpStatus.CONFLICT, "no refund of this order is pending");
                }
            }
            case NOTIFICATION -> {
                if (body.notification() == null) {
                    throw ApiException.invalidField("notification", "is required for NOTIFICATION");
                }
                var status = notices.status(new NotificationOutbox.Key(
                        scope, id, body.notification().name()));
                if (!status.map("GAVE_UP"::equals).orElse(false)) {
                    throw new ApiException(
                            HttpStatus.CONFLICT,
                            "the order's " + body.notification() + " notification did not give up ("
                                    + status.map(String::toLowerCase).orElse("there is none") + ")");
                }
            }
            case RESET -> {
                // OpsWorkflows.reset refuses anything but a FAILED workflow.
            }
        }
    }

    private List<QueueEntry> problems(String scope, String id) {
        if (!OrderContract.isOrderId(id)) {
            throw ApiException.notFound("order");
        }
        var problems = new ArrayList<>(queue.problemsOf(scope, id));
        if ("FAILED".equals(workflows.status(scope, id).orElse(null))
                && ledger.resolution(scope, id).isEmpty()) {
            problems.add(new QueueEntry(scope, id, QueueReason.WORKFLOW_FAILED, null, null, null, "workflow failed"));
        }
        return problems;
    }

    /** The stored answer when the key was used for this very action; a key used for something else is a 409. */
    private OpsAnswers.ActionAnswer replay(String key, String scope, String id, ActionKind kind) {
        return ledger.action(key)
                .map(previous -> {
                    requireSame(previous, scope, id, kind);
                    return answer(previous);
                })
                .orElse(null);
    }

    private static void requireSame(Action previous, String scope, String id, ActionKind kind) {
        if (!previous.tenantId().equals(scope) || !previous.orderId().equals(id) || previous.action() != kind) {
            throw new ApiException(HttpStatus.CONFLICT, "this Idempotency-Key was used for another action");
        }
    }

    private static OpsAnswers.ActionAnswer answer(Action action) {
        return OpsAnswers.ActionAnswer.of(action);
    }

    /** At the precision the audit stores, so a first answer and its replay say the same time. */
    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static String scopedKey(String scope, String idempotencyKey) {
        if (!idempotencyKey.matches("[\\x21-\\x7E]{1,120}")) {
            throw ApiException.badParameter(IDEMPOTENCY_KEY, "must be 1 to 120 visible ASCII characters");
        }
        return OpsLedger.scopedKey(scope, idempotencyKey);
    }

    private static Set<QueueReason> reasons(List<String> names) {
        var reasons = EnumSet.noneOf(QueueReason.class);
        if (names == null) {
            return reasons;
        }
        for (var name : names) {
            try {
                reasons.add(QueueReason.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("reason", "must be one of " + EnumSet.allOf(QueueReason.class));
            }
        }
        return reasons;
    }

    private static Duration minAge(String olderThan) {
        if (olderThan == null) {
            return Duration.ZERO;
        }
        try {
            var age = Duration.parse(olderThan);
            if (age.isNegative()) {
                throw ApiException.badParameter("older_than", "must not be negative");
            }
            return age;
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter("older_than", "must be an ISO-8601 duration, e.g. PT10M");
        }
    }

    record ResolveBody(
            @NotBlank @CodePointLength(max = 1000) String note) {}

    /** {@code channel} for MARKETPLACE_PUSH, {@code notification} (the kind that gave up) for NOTIFICATION. */
    record RetryBody(
            @NotNull RetryAction action,
            @Pattern(regexp = "[a-z0-9-]{1,40}") String channel,
            NotificationKind notification,
            @CodePointLength(max = 1000) String note) {}

    enum RetryAction {
        MARKETPLACE_PUSH,
        REFUND,
        NOTIFICATION,
        RESET
    }
}
