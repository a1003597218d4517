package dev.comanda.api.payment;

import dev.comanda.api.docs.ApiDocs;
import dev.comanda.api.error.ApiException;
import dev.comanda.api.order.OrderWorkflows;
import dev.comanda.api.payment.PixConfirmations.InvalidWebhookSignatureException;
import dev.comanda.payment.WebhookSignature;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payment provider's webhook: a signed PIX confirmation becomes a signal to the order's workflow.
 * The body is read as raw text because the signature covers the exact bytes sent.
 */
@Tag(name = ApiDocs.PAYMENTS)
@RestController
class PaymentWebhookController {

    private static final Logger log = LoggerFactory.getLogger(PaymentWebhookController.class);

    private final PixConfirmations confirmations;
    private final OrderWorkflows workflows;
    private final WebhookReplays replays;

    PaymentWebhookController(PixConfirmations confirmations, OrderWorkflows workflows, WebhookReplays replays) {
        this.confirmations = confirmations;
        this.workflows = workflows;
        this.replays = replays;
    }

    @Operation(summary = "Provider webhook (HMAC-signed); a PIX charge.succeeded event confirms the order's payment")
    @ApiResponse(responseCode = "200", description = "Received (an event of no interest is received too)")
    @ApiResponse(responseCode = "401", description = "Unsigned, wrongly signed, stale or replayed")
    @PostMapping(value = "/api/v1/payments/webhook", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> receive(
            @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
            @RequestBody(required = false) String body) {
        var text = body == null ? "" : body;
        // Verified before it is remembered, so unsigned junk cannot fill the replay guard.
        if (confirmations.isSigned(signature, text)
                && !replays.firstSighting(signature, confirmations.signatureTolerance())) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "this signed webhook was already delivered (replay)");
        }
        try {
            confirmations.confirm(signature, text).ifPresent(pix -> {
                if (!workflows.confirmPix(pix.tenantId(), pix.orderId(), pix.providerChargeId())) {
                    log.warn("PIX {} confirmed after order {} ended", pix.providerChargeId(), pix.orderId());
                }
            });
        } catch (InvalidWebhookSignatureException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, e.getMessage());
        }
        return ResponseEntity.ok().build();
    }
}
