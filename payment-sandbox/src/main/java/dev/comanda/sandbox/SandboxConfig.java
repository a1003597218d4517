package dev.comanda.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the sandbox behaves. Every field has an environment variable (see {@link #fromEnv}); the
 * simulation fields can also be changed while it runs through {@code POST /v1/sandbox/config}, so a
 * fault run can turn failures on and off without a restart.
 *
 * @param host address to bind ({@code SANDBOX_HOST}); 0.0.0.0 inside a container
 * @param port port to bind ({@code SANDBOX_PORT}); 0 picks a free one
 * @param secretKey the API key clients send as {@code Authorization: Bearer <key>}
 * @param failureRate share of API calls answered 503 before anything is processed (0..1)
 * @param timeoutRate share of API calls processed and then answered only after {@code timeoutMillis}
 * @param timeoutMillis how long a simulated timeout stalls; longer than any sane client read timeout
 * @param latencyMillis added to every API call
 * @param pixConfirmDelayMillis after this long a pending PIX charge is paid; negative means only by hand
 * @param webhookUrl where events are POSTed; none when blank
 * @param webhookSecret HMAC key of the {@code Comanda-Signature} header
 * @param webhookAttempts deliveries tried per event before giving up
 * @param webhookRetryDelayMillis wait before the second delivery, growing linearly after it
 * @param dataFile the ledger's journal ({@code SANDBOX_DATA_FILE}), so charges, refunds and stored answers
 *     survive a restart; null keeps them in memory only. Fixed at start, not changeable while running.
 */
public record SandboxConfig(
        String host,
        int port,
        String secretKey,
        double failureRate,
        double timeoutRate,
        long timeoutMillis,
        long latencyMillis,
        long pixConfirmDelayMillis,
        String webhookUrl,
        String webhookSecret,
        int webhookAttempts,
        long webhookRetryDelayMillis,
        Path dataFile) {

    public static final String DEFAULT_SECRET_KEY = "sk_test_comanda";
    public static final String DEFAULT_WEBHOOK_SECRET = "whsec_comanda";
    private static final int DEFAULT_PORT = 8090;

    public SandboxConfig {
        requireRate("failure_rate", failureRate);
        requireRate("timeout_rate", timeoutRate);
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("secret key must not be blank");
        }
        if (webhookAttempts < 1) {
            throw new IllegalArgumentException("webhook_attempts must be at least 1");
        }
    }

    /** No faults, no latency, manual PIX confirmation, a free port on the loopback: what tests start from. */
    public static SandboxConfig forTests() {
        return new SandboxConfig(
                "127.0.0.1", 0, DEFAULT_SECRET_KEY, 0, 0, 30_000, 0, -1, null, DEFAULT_WEBHOOK_SECRET, 3, 100, null);
    }

    /** Reads {@code SANDBOX_*} variables; anything unset keeps the default. */
    public static SandboxConfig fromEnv(Map<String, String> env) {
        Function<String, String> get = name -> {
            var value = env.get("SANDBOX_" + name);
            return value == null || value.isBlank() ? null : value;
        };
        return new SandboxConfig(
                orElse(get.apply("HOST"), "127.0.0.1"),
                Integer.parseInt(orElse(get.apply("PORT"), String.valueOf(DEFAULT_PORT))),
                orElse(get.apply("SECRET_KEY"), DEFAULT_SECRET_KEY),
                Double.parseDouble(orElse(get.apply("FAILURE_RATE"), "0")),
                Double.parseDouble(orElse(get.apply("TIMEOUT_RATE"), "0")),
                Long.parseLong(orElse(get.apply("TIMEOUT_MS"), "30000")),
                Long.parseLong(orElse(get.apply("LATENCY_MS"), "0")),
                Long.parseLong(orElse(get.apply("PIX_CONFIRM_DELAY_MS"), "5000")),
                get.apply("WEBHOOK_URL"),
                orElse(get.apply("WEBHOOK_SECRET"), DEFAULT_WEBHOOK_SECRET),
                Integer.parseInt(orElse(get.apply("WEBHOOK_ATTEMPTS"), "5")),
                Long.parseLong(orElse(get.apply("WEBHOOK_RETRY_DELAY_MS"), "1000")),
                Optional.ofNullable(get.apply("DATA_FILE")).map(Path::of).orElse(null));
    }

    /** This config with the simulation fields present in {@code changes} (snake_case keys) replaced. */
    public SandboxConfig with(JsonNode changes) {
        return new SandboxConfig(
                host,
                port,
                secretKey,
                changes.path("failure_rate").asDouble(failureRate),
                changes.path("timeout_rate").asDouble(timeoutRate),
                changes.path("timeout_ms").asLong(timeoutMillis),
                changes.path("latency_ms").asLong(latencyMillis),
                changes.path("pix_confirm_delay_ms").asLong(pixConfirmDelayMillis),
                changes.has("webhook_url") ? changes.get("webhook_url").asText(null) : webhookUrl,
                changes.path("webhook_secret").asText(webhookSecret),
                changes.path("webhook_attempts").asInt(webhookAttempts),
                changes.path("webhook_retry_delay_ms").asLong(webhookRetryDelayMillis),
                dataFile);
    }

    /** {@link #with(JsonNode)} for Java callers: {@code config.with(Map.of("failure_rate", 1.0))}. */
    public SandboxConfig with(Map<String, ?> changes) {
        return with((JsonNode) new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(changes));
    }

    public SandboxConfig withWebhook(String url, String secret) {
        return new SandboxConfig(
                host,
                port,
                secretKey,
                failureRate,
                timeoutRate,
                timeoutMillis,
                latencyMillis,
                pixConfirmDelayMillis,
                url,
                secret,
                webhookAttempts,
                webhookRetryDelayMillis,
                dataFile);
    }

    /** This config keeping the ledger in {@code file} (JSON lines, created if missing); null: in memory only. */
    public SandboxConfig withDataFile(Path file) {
        return new SandboxConfig(
                host,
                port,
                secretKey,
                failureRate,
                timeoutRate,
                timeoutMillis,
                latencyMillis,
                pixConfirmDelayMillis,
                webhookUrl,
                webhookSecret,
                webhookAttempts,
                webhookRetryDelayMillis,
                file);
    }

    /** The view {@code GET /v1/sandbox/config} returns: everything but the keys. */
    Map<String, Object> describe() {
        var view = new java.util.LinkedHashMap<String, Object>();
        view.put("failure_rate", failureRate);
        view.put("timeout_rate", timeoutRate);
        view.put("timeout_ms", timeoutMillis);
        view.put("latency_ms", latencyMillis);
        view.put("pix_confirm_delay_ms", pixConfirmDelayMillis);
        view.put("webhook_url", webhookUrl);
        view.put("webhook_attempts", webhookAttempts);
        view.put("webhook_retry_delay_ms", webhookRetryDelayMillis);
        view.put("data_file", dataFile == null ? null : dataFile.toString());
        return view;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static void requireRate(String name, double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + rate);
        }
    }
}
