package dev.comanda.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The HTTP API: authentication, routing, the simulated faults and the JSON in and out. Business rules
 * live in {@link Ledger}.
 *
 * <p>Faults, in the order they apply to charges and refunds: added latency; a {@code Sandbox-Fail:
 * 503|429} header or the card token {@code tok_fail_once} (first try per idempotency key) or the
 * configured failure rate answer before anything is processed; a {@code Sandbox-Fail: timeout} header,
 * the token {@code tok_timeout_once} or the timeout rate process the call and then stall the answer,
 * which is what a client that timed out must survive.
 */
final class SandboxApi implements HttpHandler {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String FAULT_HEADER = "Sandbox-Fail";
    private static final Pattern CHARGE_PATH = Pattern.compile("/v1/charges/([A-Za-z0-9_]+)");
    private static final Pattern CONFIRM_PATH = Pattern.compile("/v1/charges/([A-Za-z0-9_]+)/confirm");

    private final ObjectMapper json;
    private final AtomicReference<SandboxConfig> config;
    private final Ledger ledger;
    private final Consumer<ObjectNode> announcePaid;
    private final Consumer<ReceivedRequest> log;
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> stalledOnce = ConcurrentHashMap.newKeySet();

    SandboxApi(
            ObjectMapper json,
            AtomicReference<SandboxConfig> config,
            Ledger ledger,
            Consumer<ObjectNode> announcePaid,
            Consumer<ReceivedRequest> log) {
        this.json = json;
        this.config = config;
        this.ledger = ledger;
        this.announcePaid = announcePaid;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        var method = exchange.getRequestMethod();
        var path = exchange.getRequestURI().getPath();
        var key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
        var raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Ledger.Answer answer;
        try {
            answer = route(exchange, method, path, key, raw);
        } catch (SandboxError e) {
            answer = error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = error(new SandboxError(503, "api_error", "shutting_down", "The sandbox is stopping.", null));
        } catch (RuntimeException e) {
            answer = error(new SandboxError(500, "api_error", "internal", e.toString(), null));
        }
        log.accept(new ReceivedRequest(method, path, key, raw, answer.status()));
        respond(exchange, answer);
    }

    private Ledger.Answer route(HttpExchange exchange, String method, String path, String key, String raw)
            throws InterruptedException {
        var current = config.get();
        var auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.equals("Bearer " + current.secretKey())) {
            throw new SandboxError(401, "authentication_error", "invalid_api_key", "Invalid API key provided.", null);
        }
        var request = parse(raw);
        var confirm = CONFIRM_PATH.matcher(path);
        var get = CHARGE_PATH.matcher(path);
        return switch (method + ' ' + path) {
            case "GET /v1/sandbox/config" -> new Ledger.Answer(200, json.valueToTree(current.describe()));
            case "POST /v1/sandbox/config" -> {
                try {
                    var changed = config.updateAndGet(c -> c.with(request));
                    yield new Ledger.Answer(200, json.valueToTree(changed.describe()));
                } catch (IllegalArgumentException e) {
                    throw SandboxError.invalid(null, e.getMessage());
                }
            }
            case "GET /v1/charges" -> new Ledger.Answer(200, ledger.charges());
            case "POST /v1/charges" -> faulty(exchange, key, request, current, "charges", ledger::createCharge);
            case "POST /v1/refunds" -> faulty(exchange, key, request, current, "refunds", ledger::refund);
            default -> {
                if (method.equals("POST") && confirm.matches()) {
                    var paid = ledger.confirm(confirm.group(1));
                    paid.ifPresent(announcePaid);
                    yield new Ledger.Answer(200, ledger.charge(confirm.group(1)).orElseThrow());
                }
                if (method.equals("GET") && get.matches()) {
                    yield ledger.charge(get.group(1))
                            .map(charge -> new Ledger.Answer(200, charge))
                            .orElseThrow(() -> new SandboxError(
                                    404, "invalid_request_error", "resource_missing", "No such charge", null));
                }
                throw new SandboxError(404, "invalid_request_error", "unknown_route", method + ' ' + path, null);
            }
        };
    }

    private Ledger.Answer faulty(
            HttpExchange exchange,
            String key,
            JsonNode request,
            SandboxConfig current,
            String scope,
            java.util.function.Function<JsonNode, Ledger.Answer> operation)
            throws InterruptedException {
        if (current.latencyMillis() > 0) {
            Thread.sleep(current.latencyMillis());
        }
        var fault = exchange.getRequestHeaders().getFirst(FAULT_HEADER);
        var token = request.path("card_token").asText("");
        var onceKey = key == null ? request.toString() : key;
        var random = ThreadLocalRandom.current();
        if ("429".equals(fault)) {
            throw new SandboxError(429, "rate_limit_error", "rate_limit", "Too many requests (simulated).", null);
        }
        if ("503".equals(fault)
                || (token.equals("tok_fail_once") && failedOnce.add(onceKey))
                || random.nextDouble() < current.failureRate()) {
            throw new SandboxError(503, "api_error", "service_unavailable", "Provider unavailable (simulated).", null);
        }
        var answer = ledger.once(scope, key, request, operation);
        if ("timeout".equals(fault)
                || (token.equals("tok_timeout_once") && stalledOnce.add(onceKey))
                || random.nextDouble() < current.timeoutRate()) {
            Thread.sleep(current.timeoutMillis());
        }
        return answer;
    }

    private JsonNode parse(String raw) {
        if (raw.isBlank()) {
            return json.createObjectNode();
        }
        try {
            var node = json.readTree(raw);
            if (!node.isObject()) {
                throw SandboxError.invalid(null, "the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw SandboxError.invalid(null, "the body is not JSON: " + e.getMessage());
        }
    }

    private Ledger.Answer error(SandboxError e) {
        var error =
                json.createObjectNode().put("type", e.type).put("code", e.code).put("message", e.getMessage());
        if (e.param != null) {
            error.put("param", e.param);
        }
        return new Ledger.Answer(e.status, json.createObjectNode().set("error", error));
    }

    private void respond(HttpExchange exchange, Ledger.Answer answer) throws IOException {
        var bytes = json.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try (exchange) {
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // The client gave up (a simulated timeout): nothing left to tell it.
        }
    }
}
