package dev.comanda.e2e;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.comanda.client.Exchange;
import dev.comanda.client.ExchangeListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every exchange of the end-to-end suite checked against the API's own OpenAPI document, fetched live
 * from {@code /v3/api-docs}: the path and method are documented, the status is one the operation
 * declares, the body has the declared media type and matches its schema. A disagreement fails the call
 * that showed it, so the document cannot drift from what the API answers.
 */
final class OpenApiContract implements ExchangeListener {

    private static final String API_PATHS = "/api/v1/";
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);

    private final URI api;
    private volatile Document document;

    private OpenApiContract(URI api) {
        this.api = api;
    }

    /** The contract of the API at {@code api}; its document is fetched at the first exchange to check. */
    static OpenApiContract of(URI api) {
        return new OpenApiContract(api);
    }

    @Override
    public void exchanged(Exchange exchange) {
        var uri = exchange.uri();
        if (!uri.getRawAuthority().equals(api.getRawAuthority())
                || !uri.getPath().startsWith(API_PATHS)) {
            return; // the payment sandbox, the actuator, the kitchen board: not the API this document describes
        }
        var violation = document().violation(exchange);
        if (violation != null) {
            throw new AssertionError("the API and its OpenAPI document disagree: " + exchange.method() + " "
                    + uri.getPath() + " answered " + exchange.response() + "\n  " + violation);
        }
    }

    private Document document() {
        var current = document;
        if (current == null) {
            synchronized (this) {
                if (document == null) {
                    document = new Document(fetch(api.resolve("/v3/api-docs")));
                }
                current = document;
            }
        }
        return current;
    }

    private static JsonNode fetch(URI uri) {
        try (var http = HttpClient.newHttpClient()) {
            var response = http.send(
                    HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            return E2eStack.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(uri + " interrupted", e);
        }
    }

    /** The fetched document: its paths as patterns, and the response schemas compiled once each. */
    static final class Document {

        private final JsonNode openApi;
        private final List<Route> routes = new ArrayList<>();
        private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());
        private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

        private record Route(String template, Pattern pattern, int variables, JsonNode item) {}

        Document(JsonNode openApi) {
            this.openApi = openApi;
            openApi.get("paths").properties().forEach(entry -> {
                var template = entry.getKey();
                var regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
                var variables = template.length() - template.replace("{", "").length();
                routes.add(new Route(template, Pattern.compile(regex), variables, entry.getValue()));
            });
            // A literal segment wins over a variable: /ops/orders/queue is not /ops/orders/{id}.
            routes.sort(Comparator.comparingInt(Route::variables));
        }

        /** What in {@code exchange} the document does not say, or null when it says it all. */
        String violation(Exchange exchange) {
            var path = exchange.uri().getRawPath();
            var status = exchange.response().status();
            var route = routes.stream()
                    .filter(r -> r.pattern().matcher(path).matches())
                    .findFirst();
            if (route.isEmpty()) {
                // No such endpoint: the API answers 404 (or 405) for paths it does not serve.
                return status == 404 || status == 405 ? null : "the path is not in the document";
            }
            var method = exchange.method().toLowerCase(java.util.Locale.ROOT);
            var operation = route.get().item().get(method);
            if (operation == null) {
                return status == 405
                        ? null
                        : "no " + method + " operation on " + route.get().template();
            }
            var responses = operation.get("responses");
            var code = String.valueOf(status);
            var response = responses.has(code) ? responses.get(code) : responses.get("default");
            if (response == null) {
                return "status " + code + " is not one of " + responses.propertyNames() + " documented for " + method
                        + " " + route.get().template();
            }
            var body = exchange.response().body();
            var content = response.get("content");
            if (content == null || content.isEmpty()) {
                return body.length == 0 ? null : "the document says no body, the API sent one";
            }
            var contentType = exchange.response().contentType();
            var mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
            if (!content.has(mediaType)) {
                return "media type '" + mediaType + "' is not one of " + content.propertyNames();
            }
            var schema = schemas.computeIfAbsent(
                    method + " " + route.get().template() + " " + code + " " + mediaType,
                    key -> registry.getSchema(
                            withComponents(content.get(mediaType).get("schema"))));
            var errors = schema.validate(E2eStack.JSON.readTree(body));
            return errors.isEmpty() ? null : "the body does not match its schema: " + errors;
        }

        /** The response's schema with the document's components beside it, so its $refs resolve. */
        private JsonNode withComponents(JsonNode schema) {
            var root = (ObjectNode) schema.deepCopy();
            root.set("components", openApi.get("components"));
            return root;
        }
    }
}
