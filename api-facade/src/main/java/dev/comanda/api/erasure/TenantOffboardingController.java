package dev.comanda.api.erasure;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.auth.OffboardedTenants;
import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.order.MarketplaceChannels;
import dev.comanda.api.temporal.TemporalCalls;
import dev.comanda.erasure.TenantOffboardingWorkflow;
import dev.comanda.erasure.TenantOffboardingWorkflow.Offboarded;
import dev.comanda.erasure.TenantOffboardingWorkflow.Offboarding;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.crypto.PayloadKeyStore;
import dev.comanda.persistence.ops.OpsLedger;
import dev.comanda.persistence.ops.OpsLedger.Action;
import dev.comanda.persistence.ops.OpsLedger.ActionKind;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.tenant.TenantRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A restaurant's offboarding (docs/personal-data.md), asked by the operator: refused with 409 while one
 * of its orders is open; otherwise audited, the tenant closed and every way in revoked ({@link
 * TenantOffboarding}), then {@link TenantOffboardingWorkflow} has the workers erase every customer's
 * data and delete the data keys of every workflow of the tenant, and the API erases what it keeps
 * itself ({@link ApiErasure}). Orders, payments and stock stay, for the books. Asking again answers the
 * same, once it is done.
 */
@RestController
@RequestMapping("/api/v1/ops/tenants")
@Tag(name = ApiDocs.TENANTS)
class TenantOffboardingController {

    /** Seconds a client is asked to wait before asking again while the erasure runs. */
    private static final String ASK_AGAIN_AFTER = "5";

    private static final String OFFBOARDED = "OFFBOARDED";
    private static final String OFFBOARDING = "OFFBOARDING";
    /** The ledger's outcome once the tenant is closed, until the erasure is done too. */
    private static final String CLOSED = "CLOSED: ";

    /**
     * What the offboarding did: when the tenant was closed, and what the erasure of its customers changed
     * (the counts are absent while the erasure still runs, status {@code OFFBOARDING}).
     */
    record OffboardingAnswer(
            String tenant,
            String status,
            Instant offboardedAt,
            Integer orders,
            Integer notifications,
            Integer payments,
            Integer dataKeys) {}

    private final TenantRepository tenants;
    private final OrderQueries queries;
    private final OpsLedger ledger;
    private final TenantOffboarding offboarding;
    private final ApiErasure apiErasure;
    private final OffboardedTenants offboardedTenants;
    private final MarketplaceChannels marketplaceChannels;
    private final WorkflowClient client;
    private final TemporalCalls calls;
    private final ObjectProvider<PayloadKeyStore> keys;
    private final ApiProperties properties;
    private final Clock clock;

    TenantOffboardingController(
            TenantRepository tenants,
            OrderQueries queries,
            OpsLedger ledger,
            TenantOffboarding offboarding,
            ApiErasure apiErasure,
            OffboardedTenants offboardedTenants,
            MarketplaceChannels marketplaceChannels,
            WorkflowClient client,
            TemporalCalls calls,
            ObjectProvider<PayloadKeyStore> keys,
            ApiProperties properties,
            Clock clock) {
        this.tenants = tenants;
        this.queries = queries;
        this.ledger = ledger;
        this.offboarding = offboarding;
        this.apiErasure = apiErasure;
        this.offboardedTenants = offboardedTenants;
        this.marketplaceChannels = marketplaceChannels;
        this.client = client;
        this.calls = calls;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    @Operation(
            summary = "Offboard a tenant: close it for good and erase its customers' personal data (operator)",
            description = """
                    Refused (409) while an order of the tenant is open. Closes the tenant — its callers answer 410 \
                    from then on — revokes its keys, devices and staff sessions, stops its marketplace pushes, then \
                    erases every customer's personal data and deletes the data keys of the tenant's workflows. \
                    Orders, payments and stock stay. The tenant is closed at once; the erasure runs in the background \
                    (it first waits out the API instances' caches): 202 with status OFFBOARDING and Retry-After while \
                    it runs, ask again (the same request) for its answer; 200 once done, the same answer every time.""")
    @ApiResponse(responseCode = "200", description = "The tenant is offboarded; what the erasure changed")
    @ApiResponse(responseCode = "202", description = "The tenant is closed; the erasure still runs (ask again)")
    @ApiResponse(responseCode = "409", description = "An order of the tenant is still open")
    @PreAuthorize("hasRole('OPERATOR')")
    @DeleteMapping("/{tenant}")
    ResponseEntity<OffboardingAnswer> offboard(Authentication authentication, @PathVariable String tenant) {
        if (!OrderContract.isTenantId(tenant) || !tenants.exists(tenant)) {
            throw ApiException.notFound("tenant");
        }
        var key = OpsLedger.scopedKey(tenant, "offboard-tenant");
        if (tenants.offboardedAt(tenant).isEmpty()) {
            queries.openOrders(tenant, 1).stream().findFirst().ifPresent(open -> {
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "order " + open.orderId() + " is " + open.status() + ": offboard once every order is over");
            });
            ledger.begin(new Action(
                    tenant,
                    null,
                    key,
                    ActionKind.OFFBOARD_TENANT,
                    authentication.getName(),
                    "the restaurant offboarded on request",
                    "STARTED",
                    clock.instant()));
            var closed = offboarding.close(tenant);
            ledger.complete(key, CLOSED + closed.summary());
        }
        offboardedTenants.offboarded(tenant);
        marketplaceChannels.changed(tenant);
        var offboardedAt = tenants.offboardedAt(tenant).orElseThrow();
        var finished = run(tenant, authentication.getName(), offboardedAt);
        if (finished.isEmpty()) {
            return ResponseEntity.accepted()
                    .header(HttpHeaders.RETRY_AFTER, ASK_AGAIN_AFTER)
                    .body(new OffboardingAnswer(tenant, OFFBOARDING, offboardedAt, null, null, null, null));
        }
        var done = finished.get();
        apiErasure.eraseTenant(tenant);
        // The workers deleted the keys; this instance forgets its cached copies (others within the cache TTL).
        keys.ifAvailable(store -> store.forget(scope -> TenantOffboardingWorkflow.isWorkflowOf(tenant, scope)));
        var erased = done.erased();
        // Once: what the close revoked and what the erasure changed, in one outcome.
        ledger.action(key)
                .map(OpsLedger.Action::outcome)
                .filter(outcome -> outcome != null && outcome.startsWith(CLOSED))
                .ifPresent(outcome -> ledger.complete(
                        key,
                        OFFBOARDED + ": " + outcome.substring(CLOSED.length()) + "; erased " + erased.orders()
                                + " orders, " + erased.notifications() + " e-mails, " + erased.payments()
                                + " charge requests, " + erased.dataKeys() + " data keys"));
        return ResponseEntity.ok(new OffboardingAnswer(
                tenant,
                OFFBOARDED,
                offboardedAt,
                erased.orders(),
                erased.notifications(),
                erased.payments(),
                erased.dataKeys()));
    }

    /**
     * Starts the workers' part, or joins it, and gives its answer once it is done (empty while it runs:
     * the request does not wait for it, since it waits out the instances' caches first). An API instance
     * that has not seen the close yet may take a request of the tenant for up to its caches' TTL, and a
     * placement that got in may take its wait to be recorded: the workflow waits that long after the
     * close before it counts the orders still open. Each call to Temporal is bounded (503 past it).
     */
    private Optional<Offboarded> run(String tenant, String requestedBy, Instant offboardedAt) {
        var drain = properties.tokenCacheTtl().plus(properties.placementWait()).plus(properties.temporalTimeout());
        var left = Duration.between(clock.instant(), offboardedAt.plus(drain));
        var workflowId = TenantOffboardingWorkflow.workflowId(tenant);
        var options = WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TenantOffboardingWorkflow.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                // Done once answers every later request; a run that failed or was terminated is run again.
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .build();
        var bound = properties.temporalTimeout();
        // Running, or completed: either way its answer is the one.
        calls.startOrJoin(
                bound,
                client.newWorkflowStub(TenantOffboardingWorkflow.class, options)::offboard,
                new Offboarding(tenant, requestedBy, left.isNegative() ? Duration.ZERO : left));
        var workflow = client.newUntypedWorkflowStub(workflowId);
        var status = calls.within(bound, workflow::describe).getStatus();
        if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
            return Optional.empty();
        }
        return Optional.of(calls.within(bound, () -> workflow.getResult(Offboarded.class)));
    }
}
