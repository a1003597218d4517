package dev.comanda.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers events to the configured webhook URL, signed, retrying a few times with a growing delay.
 * Each attempt is signed afresh with its own timestamp, so a receiver's replay window holds for retries.
 */
final class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper json;
    private final Clock clock;
    private final Supplier<SandboxConfig> config;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final HttpClient http;

    /** {@code scheduler} only times retries; deliveries run on {@code workers}, so a slow receiver delays nobody else. */
    WebhookSender(
            ObjectMapper json,
            Clock clock,
            Supplier<SandboxConfig> config,
            ScheduledExecutorService scheduler,
            Executor workers) {
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.scheduler = scheduler;
        this.workers = workers;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    /**
     * Sends {@code type} with {@code object} as its data, in the background; {@code whenDone} runs once it
     * was delivered or given up on (not when the sandbox stops first, so a restart can send it again).
     */
    void send(String type, JsonNode object, Runnable whenDone) {
        var event = json.createObjectNode()
                .put(
                        "id",
                        "evt_"
                                + HexFormat.of()
                                        .toHexDigits(ThreadLocalRandom.current().nextLong()))
                .put("object", "event")
                .put("type", type)
                .put("created", clock.instant().getEpochSecond());
        event.set("data", object);
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ObjectNode always serializes", e);
        }
        workers.execute(() -> deliver(body, 1, whenDone));
    }

    private void deliver(String body, int attempt, Runnable whenDone) {
        var current = config.get();
        if (current.webhookUrl() == null || current.webhookUrl().isBlank()) {
            LOG.info(() -> "no webhook URL configured; event dropped: " + body);
            whenDone.run();
            return;
        }
        try {
            var request = HttpRequest.newBuilder(URI.create(current.webhookUrl()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(
                            Signer.HEADER,
                            Signer.header(clock.instant().getEpochSecond(), body, current.webhookSecret()))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                whenDone.run();
                return;
            }
            retry(body, attempt, whenDone, current, "HTTP " + response.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            retry(body, attempt, whenDone, current, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retry(String body, int attempt, Runnable whenDone, SandboxConfig current, String why) {
        if (attempt >= current.webhookAttempts()) {
            LOG.log(Level.WARNING, "webhook gave up after {0} attempts ({1})", new Object[] {attempt, why});
            whenDone.run();
            return;
        }
        LOG.log(Level.INFO, "webhook attempt {0} failed ({1}); retrying", new Object[] {attempt, why});
        scheduler.schedule(
                () -> workers.execute(() -> deliver(body, attempt + 1, whenDone)),
                current.webhookRetryDelayMillis() * attempt,
                TimeUnit.MILLISECONDS);
    }
}
