package dev.comanda.api.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.comanda.api.payment.PixConfirmations.ConfirmedPix;
import dev.comanda.api.payment.PixConfirmations.InvalidWebhookSignatureException;
import dev.comanda.order.OrderContract;
import dev.comanda.payment.WebhookSignature;
import dev.comanda.persistence.payment.PaymentRepository;
import dev.comanda.persistence.payment.PaymentRepository.Kind;
import dev.comanda.persistence.payment.PaymentRepository.NewPayment;
import dev.comanda.persistence.payment.PaymentRepository.Status;
import dev.comanda.sandbox.PaymentSandbox;
import dev.comanda.sandbox.SandboxConfig;
import dev.comanda.testing.IntegrationDatabase;
import dev.comanda.testing.TestOrders;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox signs and sends a real webhook to a real local endpoint that hands it to
 * {@link PixConfirmations}, as the API's webhook controller does: both ends of the signature scheme
 * are checked against each other. The pending PIX charge is made at the sandbox and written down as
 * the payment activity writes it; the confirmation only reads that row (the workflow records the
 * payment), so a confirmed order's row is still PENDING here.
 */
class PixConfirmationsTests {

    private static final String TENANT = "pizzeria-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A PIX charge the provider holds and {@code payments} knows as PENDING, as after the charge activity. */
    private record PendingPix(String tenantId, String orderId, String idempotencyKey, String providerChargeId) {}

    private static IntegrationDatabase db;
    private final PaymentSandbox sandbox = new PaymentSandbox();
    private final List<Object> outcomes = new CopyOnWriteArrayList<>();
    private HttpServer endpoint;
    private PaymentRepository repository;
    private PixConfirmations confirmations;

    @BeforeAll
    static void database() {
        db = IntegrationDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/webhooks/payments", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                outcomes.add(
                        confirmations.confirm(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body));
                exchange.sendResponseHeaders(204, -1);
            } catch (InvalidWebhookSignatureException e) {
                outcomes.add(e);
                exchange.sendResponseHeaders(400, -1);
            }
            exchange.close();
        });
        endpoint.start();
        var webhookUrl = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/webhooks/payments";
        sandbox.start(SandboxConfig.forTests().withWebhook(webhookUrl, SandboxConfig.DEFAULT_WEBHOOK_SECRET));
        repository = new PaymentRepository(db.jdbc());
        confirmations = new PixConfirmations(
                repository,
                new PaymentWebhookProperties(SandboxConfig.DEFAULT_WEBHOOK_SECRET, Duration.ofMinutes(5)),
                JSON);
    }

    @AfterEach
    void stop() {
        sandbox.close();
        endpoint.stop(0);
    }

    @Test
    void signedWebhookOfThePaidPixNamesTheOrderAndLeavesTheRowToTheWorkflow() {
        var charge = pendingPix();

        confirmByHand(charge.providerChargeId());

        await().atMost(Duration.ofSeconds(10)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes)
                .containsExactly(java.util.Optional.of(
                        new ConfirmedPix(charge.tenantId(), charge.orderId(), charge.providerChargeId())));
        assertThat(status(charge.idempotencyKey())).isEqualTo("PENDING");
    }

    @Test
    void redeliveredWebhookConfirmsTheSameOrderAgain() {
        var charge = pendingPix();
        var body = event(charge.providerChargeId(), charge);
        var header = WebhookSignature.sign(body, SandboxConfig.DEFAULT_WEBHOOK_SECRET, Instant.now());

        var first = confirmations.confirm(header, body);
        var again = confirmations.confirm(header, body);

        assertThat(first).isPresent().isEqualTo(again);
    }

    @Test
    void signedMetadataNamesTheOrderWithoutItsRowEvenBeforeTheChargeWasRecorded() {
        var charge = pendingPix();
        db.jdbc()
                .sql("DELETE FROM payments WHERE idempotency_key = ?")
                .param(charge.idempotencyKey())
                .update();
        var body = event(charge.providerChargeId(), charge);

        var confirmed = confirmations.confirm(
                WebhookSignature.sign(body, SandboxConfig.DEFAULT_WEBHOOK_SECRET, Instant.now()), body);

        assertThat(confirmed)
                .contains(new ConfirmedPix(charge.tenantId(), charge.orderId(), charge.providerChargeId()));
    }

    @Test
    void withoutMetadataTheChargesRowNamesTheOrder() {
        var charge = pendingPix();
        var body = JSON.writeValueAsString(
                Map.of("type", "charge.succeeded", "data", Map.of("id", charge.providerChargeId(), "method", "PIX")));

        var confirmed = confirmations.confirm(
                WebhookSignature.sign(body, SandboxConfig.DEFAULT_WEBHOOK_SECRET, Instant.now()), body);

        assertThat(confirmed)
                .contains(new ConfirmedPix(charge.tenantId(), charge.orderId(), charge.providerChargeId()));
    }

    @Test
    void malformedMetadataFallsBackToTheChargesRow() {
        var charge = pendingPix();
        var body = JSON.writeValueAsString(Map.of(
                "type",
                "charge.succeeded",
                "data",
                Map.of(
                        "id",
                        charge.providerChargeId(),
                        "method",
                        "PIX",
                        "metadata",
                        Map.of("order_id", "../../etc", "tenant_id", "Not A Slug"))));

        var confirmed = confirmations.confirm(
                WebhookSignature.sign(body, SandboxConfig.DEFAULT_WEBHOOK_SECRET, Instant.now()), body);

        assertThat(confirmed)
                .contains(new ConfirmedPix(charge.tenantId(), charge.orderId(), charge.providerChargeId()));
    }

    @Test
    void aCardChargesEventIsNoPixConfirmation() {
        var orderId = TestOrders.newOrderId(TENANT);
        var body = JSON.writeValueAsString(Map.of(
                "type",
                "charge.succeeded",
                "data",
                Map.of(
                        "id",
                        "ch_card",
                        "method",
                        "CARD",
                        "metadata",
                        Map.of("order_id", orderId, "tenant_id", TENANT))));

        var confirmed = confirmations.confirm(
                WebhookSignature.sign(body, SandboxConfig.DEFAULT_WEBHOOK_SECRET, Instant.now()), body);

        assertThat(confirmed).isEmpty();
    }

    @Test
    void tamperedWebhookIsRejectedAndChangesNothing() {
        var charge = pendingPix();
        var body = event(charge.providerChargeId(), charge);
        var header = WebhookSignature.sign(body, SandboxConfig.DEFAULT_WEBHOOK_SECRET, Instant.now());

        assertThatThrownBy(() -> confirmations.confirm(header, body.replace("charge.succeeded", "charge.succeeded ")))
                .isInstanceOf(InvalidWebhookSignatureException.class);
        assertThatThrownBy(() -> confirmations.confirm(WebhookSignature.sign(body, "whsec_wrong", Instant.now()), body))
                .isInstanceOf(InvalidWebhookSignatureException.class);
        assertThatThrownBy(() -> confirmations.confirm(
                        WebhookSignature.sign(
                                body,
                                SandboxConfig.DEFAULT_WEBHOOK_SECRET,
                                Instant.now().minus(Duration.ofHours(1))),
                        body))
                .isInstanceOf(InvalidWebhookSignatureException.class);
        assertThat(status(charge.idempotencyKey())).isEqualTo("PENDING");
    }

    @Test
    void eventWithoutMetadataForAChargeWeDoNotKnowIsIgnored() {
        var body = JSON.writeValueAsString(
                Map.of("type", "charge.succeeded", "data", Map.of("id", "ch_unknown", "method", "PIX")));

        var confirmed = confirmations.confirm(
                WebhookSignature.sign(body, SandboxConfig.DEFAULT_WEBHOOK_SECRET, Instant.now()), body);

        assertThat(confirmed).isEmpty();
    }

    /** Charges a PIX at the sandbox over its HTTP API and records it as the payment activity does. */
    private PendingPix pendingPix() {
        var orderId = TestOrders.newOrderId(TENANT);
        var key = OrderContract.effectKey(orderId, "charge");
        var body = JSON.writeValueAsString(Map.of(
                "amount",
                9000,
                "currency",
                "brl",
                "method",
                "PIX",
                "metadata",
                Map.of("order_id", orderId, "tenant_id", TENANT)));
        repository.insertRequested(new NewPayment(TENANT, orderId, Kind.CHARGE, key, null, "PIX", 9000, "BRL", body));
        var reply = JSON.readTree(send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/charges"))
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
        var chargeId = reply.path("id").asString();
        repository.recordOutcome(
                key, Status.PENDING, chargeId, reply.path("pix_code").asString(null));
        return new PendingPix(TENANT, orderId, key, chargeId);
    }

    private static String event(String chargeId, PendingPix request) {
        return JSON.writeValueAsString(Map.of(
                "type",
                "charge.succeeded",
                "data",
                Map.of(
                        "id",
                        chargeId,
                        "metadata",
                        Map.of("order_id", request.orderId(), "tenant_id", request.tenantId()))));
    }

    private void confirmByHand(String chargeId) {
        send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/charges/" + chargeId + "/confirm"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** One call to the sandbox's API with its secret key; anything but a 2xx fails the test. */
    private static String send(HttpRequest.Builder request) {
        try {
            var response = HttpClient.newHttpClient()
                    .send(
                            request.header("Authorization", "Bearer " + SandboxConfig.DEFAULT_SECRET_KEY)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode() / 100).as(response.body()).isEqualTo(2);
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String status(String idempotencyKey) {
        return db.jdbc()
                .sql("SELECT status FROM payments WHERE idempotency_key = ?")
                .param(idempotencyKey)
                .query(String.class)
                .single();
    }
}
