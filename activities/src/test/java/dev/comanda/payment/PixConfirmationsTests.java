package dev.comanda.payment;

import static dev.comanda.payment.PaymentTestSupport.newOrderId;
import static dev.comanda.payment.PaymentTestSupport.pix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.comanda.payment.PixConfirmations.ConfirmedPix;
import dev.comanda.payment.PixConfirmations.InvalidWebhookSignatureException;
import dev.comanda.sandbox.PaymentSandbox;
import dev.comanda.sandbox.SandboxConfig;
import dev.comanda.testing.IntegrationDatabase;
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

/**
 * The sandbox signs and sends a real webhook to a real local endpoint that hands it to
 * {@link PixConfirmations}, as the API's webhook controller will: both ends of the signature scheme
 * are checked against each other.
 */
class PixConfirmationsTests {

    private static IntegrationDatabase db;
    private final PaymentSandbox sandbox = new PaymentSandbox();
    private final List<Object> outcomes = new CopyOnWriteArrayList<>();
    private HttpServer endpoint;
    private PaymentActivitiesImpl activities;
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
        var properties = PaymentTestSupport.properties(sandbox, Duration.ofSeconds(5));
        var repository = new PaymentRepository(db.jdbc());
        activities = new PaymentActivitiesImpl(PaymentTestSupport.client(properties), repository);
        confirmations = new PixConfirmations(repository, properties, PaymentTestSupport.JSON);
    }

    @AfterEach
    void stop() {
        sandbox.close();
        endpoint.stop(0);
    }

    @Test
    void signedWebhookOfThePaidPixNamesTheOrderAndMarksItPaid() {
        var request = pix(newOrderId());
        var charge = activities.charge(request);

        confirmByHand(charge.providerChargeId());

        await().atMost(Duration.ofSeconds(10)).until(() -> !outcomes.isEmpty());
        assertThat(outcomes)
                .containsExactly(java.util.Optional.of(
                        new ConfirmedPix(request.tenantId(), request.orderId(), charge.providerChargeId())));
        assertThat(status(request.idempotencyKey())).isEqualTo("SUCCEEDED");
    }

    @Test
    void redeliveredWebhookConfirmsTheSameOrderAgain() {
        var request = pix(newOrderId());
        var charge = activities.charge(request);
        var body = event(charge.providerChargeId(), request);
        var header = WebhookSignature.sign(body, SandboxConfig.DEFAULT_WEBHOOK_SECRET, Instant.now());

        var first = confirmations.confirm(header, body);
        var again = confirmations.confirm(header, body);

        assertThat(first).isPresent().isEqualTo(again);
        assertThat(status(request.idempotencyKey())).isEqualTo("SUCCEEDED");
    }

    @Test
    void webhookBeforeTheChargeWasRecordedFindsTheOrderByItsMetadata() {
        var request = pix(newOrderId());
        var charge = activities.charge(request);
        db.jdbc()
                .sql("UPDATE payments SET provider_id = NULL, status = 'REQUESTED' WHERE idempotency_key = ?")
                .param(request.idempotencyKey())
                .update();
        var body = event(charge.providerChargeId(), request);

        var confirmed = confirmations.confirm(
                WebhookSignature.sign(body, SandboxConfig.DEFAULT_WEBHOOK_SECRET, Instant.now()), body);

        assertThat(confirmed).map(ConfirmedPix::orderId).contains(request.orderId());
        assertThat(status(request.idempotencyKey())).isEqualTo("SUCCEEDED");
    }

    @Test
    void tamperedWebhookIsRejectedAndChangesNothing() {
        var request = pix(newOrderId());
        var charge = activities.charge(request);
        var body = event(charge.providerChargeId(), request);
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
        assertThat(status(request.idempotencyKey())).isEqualTo("PENDING");
    }

    @Test
    void eventForAChargeWeDoNotKnowIsIgnored() {
        var body = event("ch_unknown", pix(newOrderId()));

        var confirmed = confirmations.confirm(
                WebhookSignature.sign(body, SandboxConfig.DEFAULT_WEBHOOK_SECRET, Instant.now()), body);

        assertThat(confirmed).isEmpty();
    }

    private static String event(String chargeId, PaymentActivities.ChargeRequest request) {
        return PaymentTestSupport.JSON.writeValueAsString(Map.of(
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
        try {
            var response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(sandbox.baseUrl() + "/v1/charges/" + chargeId + "/confirm"))
                                    .header("Authorization", "Bearer " + SandboxConfig.DEFAULT_SECRET_KEY)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
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
