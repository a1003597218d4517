package dev.comanda.sandbox;

import static dev.comanda.sandbox.SandboxClient.card;
import static dev.comanda.sandbox.SandboxClient.pix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger kept in a data file: what one sandbox wrote, the next one on the same file still knows. */
class DurableLedgerTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<PaymentSandbox> sandboxes = new ArrayList<>();
    private final WebhookReceiver receiver = new WebhookReceiver(0);
    private PaymentSandbox sandbox;

    @AfterEach
    void stop() {
        sandboxes.forEach(PaymentSandbox::close);
        receiver.close();
    }

    @Test
    void chargeIsStillThereAfterARestart() {
        var charge = start(config())
                .post("/v1/charges", "k1", card(2500, "tok_visa"))
                .body();

        var client = restart(config());

        var reply = client.get("/v1/charges/" + charge.get("id").asText());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(charge);
    }

    @Test
    void sameKeyAfterARestartReplaysTheAnswerWithoutASecondCharge() {
        var first = start(config()).post("/v1/charges", "k1", card(2500, "tok_visa"));

        var replay = restart(config()).post("/v1/charges", "k1", card(2500, "tok_visa"));

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(sandbox.chargeCount()).isEqualTo(1);
    }

    @Test
    void chargeMadeBeforeARestartIsRefundedOnce() {
        var charge = start(config())
                .post("/v1/charges", "k1", card(2500, "tok_visa"))
                .body();
        var refundBody = Map.of("charge", charge.get("id").asText(), "reason", "requested_by_customer");
        var client = restart(config());

        var refund = client.post("/v1/refunds", "r1", refundBody);
        var another = client.post("/v1/refunds", "r2", refundBody);

        assertThat(refund.status()).isEqualTo(200);
        assertThat(refund.body().get("status").asText()).isEqualTo("succeeded");
        assertThat(another.body().at("/error/code").asText()).isEqualTo("charge_already_refunded");
        var afterAnother = restart(config());
        assertThat(afterAnother.post("/v1/refunds", "r1", refundBody).body()).isEqualTo(refund.body());
        assertThat(afterAnother
                        .get("/v1/charges/" + charge.get("id").asText())
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("refunded");
    }

    @Test
    void pendingPixConfirmedByHandAfterARestartSendsItsWebhook() throws IOException {
        var id = start(config())
                .post("/v1/charges", "k1", pix(4000))
                .body()
                .get("id")
                .asText();
        var client = restart(config());

        var confirmed = client.post("/v1/charges/" + id + "/confirm", null, Map.of());

        assertThat(confirmed.body().get("status").asText()).isEqualTo("succeeded");
        await().atMost(WAIT).until(() -> !receiver.deliveries().isEmpty());
        var event = JSON.readTree(receiver.deliveries().getFirst().body());
        assertThat(event.get("type").asText()).isEqualTo("charge.succeeded");
        assertThat(event.at("/data/id").asText()).isEqualTo(id);
    }

    @Test
    void pendingPixWithAnAutomaticConfirmationIsPaidByTheRestartedSandbox() throws IOException {
        var before = start(config().with(Map.of("pix_confirm_delay_ms", 1_500)));
        var id = before.post("/v1/charges", "k1", pix(4000)).body().get("id").asText();
        assertThat(before.get("/v1/charges/" + id).body().get("status").asText())
                .isEqualTo("pending");

        // The restarted sandbox confirms only by hand: the payment comes from the timer it resumed.
        var client = restart(config());

        await().atMost(WAIT).until(() -> !receiver.deliveries().isEmpty());
        assertThat(JSON.readTree(receiver.deliveries().getFirst().body())
                        .at("/data/id")
                        .asText())
                .isEqualTo(id);
        assertThat(client.get("/v1/charges/" + id).body().get("status").asText())
                .isEqualTo("succeeded");
    }

    @Test
    void webhookNotDeliveredBeforeARestartIsSentAfterIt() throws IOException {
        // Nothing listens on the first URL and the retry waits a minute: the sandbox stops still owing it.
        var unreachable = config().withWebhook("http://127.0.0.1:9/hooks", SandboxConfig.DEFAULT_WEBHOOK_SECRET)
                .with(Map.of("webhook_retry_delay_ms", 60_000));
        var before = start(unreachable);
        var id = before.post("/v1/charges", "k1", pix(4000)).body().get("id").asText();
        before.post("/v1/charges/" + id + "/confirm", null, Map.of());

        restart(config());

        await().atMost(WAIT).until(() -> !receiver.deliveries().isEmpty());
        assertThat(JSON.readTree(receiver.deliveries().getFirst().body())
                        .at("/data/id")
                        .asText())
                .isEqualTo(id);
    }

    @Test
    void tornLastLineIsDroppedAndTheGoodLinesLoad() throws IOException {
        var charge = start(config())
                .post("/v1/charges", "k1", card(2500, "tok_visa"))
                .body();
        sandbox.close();
        Files.writeString(dataFile(), "{\"charges\":[{\"id\":\"ch_torn\",\"amo", StandardOpenOption.APPEND);

        var client = restart(config());
        var next = client.post("/v1/charges", "k2", card(900, "tok_visa")).body();

        assertThat(client.get("/v1/charges/" + charge.get("id").asText()).body())
                .isEqualTo(charge);
        assertThat(client.get("/v1/charges").body().get("data")).hasSize(2);
        assertThat(restart(config())
                        .get("/v1/charges/" + next.get("id").asText())
                        .status())
                .as("what was written after the torn line loads too")
                .isEqualTo(200);
    }

    @Test
    void badLineBeforeTheLastRefusesToStart() throws IOException {
        var client = start(config());
        client.post("/v1/charges", "k1", card(2500, "tok_visa"));
        client.post("/v1/charges", "k2", card(900, "tok_visa"));
        sandbox.close();
        var lines = Files.readAllLines(dataFile(), StandardCharsets.UTF_8);
        Files.write(dataFile(), List.of("{\"charges\":[", lines.get(1)), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> start(config()))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("ledger journal " + dataFile()
                        + ": line 1 is not a journal entry and more follow; the file is corrupt");
    }

    @Test
    void dataFileIsReadFromTheEnvironment() {
        var config = SandboxConfig.fromEnv(Map.of("SANDBOX_DATA_FILE", "/var/lib/sandbox/ledger.jsonl"));

        assertThat(config.dataFile()).isEqualTo(Path.of("/var/lib/sandbox/ledger.jsonl"));
        assertThat(SandboxConfig.fromEnv(Map.of()).dataFile()).isNull();
    }

    private Path dataFile() {
        return dir.resolve("sandbox/ledger.jsonl");
    }

    private SandboxConfig config() {
        return SandboxConfig.forTests()
                .withWebhook(receiver.url(), SandboxConfig.DEFAULT_WEBHOOK_SECRET)
                .withDataFile(dataFile());
    }

    private SandboxClient start(SandboxConfig config) {
        sandbox = new PaymentSandbox();
        sandboxes.add(sandbox);
        sandbox.start(config);
        return new SandboxClient(sandbox.baseUrl(), SandboxConfig.DEFAULT_SECRET_KEY);
    }

    /** Stops the running sandbox and starts a new one on the same data file. */
    private SandboxClient restart(SandboxConfig config) {
        sandbox.close();
        return start(config);
    }
}
