package dev.comanda.api.erasure;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.error.Unavailable;
import dev.comanda.api.temporal.TemporalCalls;
import dev.comanda.erasure.CustomerErasureWorkflow;
import dev.comanda.erasure.CustomerErasureWorkflow.Erased;
import dev.comanda.erasure.CustomerErasureWorkflow.Erasure;
import dev.comanda.order.OrderContract;
import dev.comanda.persistence.crypto.PayloadKeyStore;
import dev.comanda.persistence.ops.OpsLedger;
import dev.comanda.persistence.ops.OpsLedger.Action;
import dev.comanda.persistence.ops.OpsLedger.ActionKind;
import dev.comanda.persistence.order.OrderQueries;
import dev.comanda.persistence.tenant.ApiTokens.Principal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's request to be forgotten (docs/personal-data.md), made by the restaurant's admin: every
 * order placed with the e-mail must be terminal (409 otherwise); each is audited in the ops ledger, the
 * API erases what it keeps itself ({@link ApiErasure}), then the erasure workflow has the workers
 * anonymize what they own and delete the orders' data keys. Orders, money and stock stay as they were,
 * for the books.
 */
@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = ApiDocs.ORDERS)
class CustomerErasureController {

    private static final int MAX_EMAIL = 320;

    /** What the erasure did. */
    record ErasureAnswer(int orders, int notifications, int payments, int dataKeys) {}

    private final OrderQueries queries;
    private final OpsLedger ledger;
    private final WorkflowClient client;
    private final ObjectProvider<PayloadKeyStore> keys;
    private final ApiErasure apiErasure;
    private final TemporalCalls calls;
    private final ApiProperties properties;

    CustomerErasureController(
            OrderQueries queries,
            OpsLedger ledger,
            WorkflowClient client,
            ObjectProvider<PayloadKeyStore> keys,
            ApiErasure apiErasure,
            TemporalCalls calls,
            ApiProperties properties) {
        this.queries = queries;
        this.ledger = ledger;
        this.client = client;
        this.keys = keys;
        this.apiErasure = apiErasure;
        this.calls = calls;
        this.properties = properties;
    }

    @Operation(summary = "Erase a customer's personal data from every order placed with the e-mail (admin)")
    @ApiResponse(responseCode = "200", description = "What was anonymized and how many data keys were deleted")
    @ApiResponse(responseCode = "404", description = "No order of this tenant carries the e-mail")
    @ApiResponse(responseCode = "409", description = "An order of the customer is still open")
    @DeleteMapping
    @PreAuthorize("hasRole('ADMIN')")
    ErasureAnswer erase(
            @AuthenticationPrincipal Principal caller, Authentication authentication, @RequestParam String email) {
        if (email.isBlank() || email.length() > MAX_EMAIL || !email.contains("@")) {
            throw ApiException.badParameter(
                    "email", "must be an e-mail address of at most " + MAX_EMAIL + " characters");
        }
        var tenant = caller.tenantId();
        var orders = queries.byCustomerEmail(tenant, email);
        if (orders.isEmpty()) {
            throw ApiException.notFound("customer");
        }
        for (var order : orders) {
            if (!order.status().isTerminal()) {
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "order " + order.orderId() + " is " + order.status() + ": erase once it is over");
            }
        }
        var orderIds = orders.stream().map(OrderQueries.CustomerOrder::orderId).toList();
        for (var orderId : orderIds) {
            ledger.begin(new Action(
                    tenant,
                    orderId,
                    key(tenant, orderId),
                    ActionKind.ERASE_CUSTOMER,
                    authentication.getName(),
                    "the customer's personal data erased on request",
                    "STARTED",
                    Instant.now()));
        }
        // The API's own part first: once the workers have anonymized the read model, asking again finds no
        // order by this e-mail (404), so nothing of the API's part may be left for a second request.
        apiErasure.eraseCustomer(tenant, email, orderIds);
        var erased = run(
                new Erasure(tenant, orderIds, authentication.getName()),
                hash(tenant + '\n' + email.toLowerCase(Locale.ROOT)));
        // The workers deleted the keys; this instance forgets its cached copies (others within the cache TTL).
        keys.ifAvailable(store -> store.forget(orderIds.stream()
                .map(orderId -> OrderContract.workflowId(tenant, orderId))
                .toList()));
        for (var orderId : orderIds) {
            ledger.complete(key(tenant, orderId), "ERASED");
        }
        return new ErasureAnswer(erased.orders(), erased.notifications(), erased.payments(), erased.dataKeys());
    }

    private Erased run(Erasure erasure, String subject) {
        var workflowId = CustomerErasureWorkflow.workflowId(erasure.tenantId(), subject);
        var options = WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(CustomerErasureWorkflow.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(10))
                .build();
        // Asked twice at once: the running erasure is the answer.
        calls.startOrJoin(
                properties.temporalTimeout(),
                client.newWorkflowStub(CustomerErasureWorkflow.class, options)::erase,
                erasure);
        // A few activities: it is done within an update's wait unless the workers are down or swamped.
        return calls.awaitResult(properties.updateTimeout(), client.newUntypedWorkflowStub(workflowId), Erased.class)
                .orElseThrow(() -> ApiException.unavailable(
                        Unavailable.Dependency.TEMPORAL,
                        "the erasure is still running as " + workflowId + "; ask again"));
    }

    /** One audit entry per order: erasing twice records it once. */
    private static String key(String tenant, String orderId) {
        return OpsLedger.scopedKey(tenant, "erase-customer:" + orderId);
    }

    private static String hash(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
