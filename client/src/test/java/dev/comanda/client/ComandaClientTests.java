package dev.comanda.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client over real HTTP against a JDK server that answers what the API answers. */
class ComandaClientTests {

    private static final String ORDER = """
            {"id":"ord_1","status":"PENDING","channel":"WEB","customer":{"name":"Ana","email":"ana@example.com"},
             "fulfilment":{"type":"TAKEAWAY"},"items":[{"sku":"PIZZA","name":"Pizza","quantity":2,
             "unitPrice":{"cents":4500,"currency":"BRL"},"lineTotal":{"cents":9000,"currency":"BRL"}}],
             "total":{"cents":9000,"currency":"BRL"},"sync":[],"timeline":[],"links":{"self":"/api/v1/orders/ord_1"},
             "addedByANewerServer":true}""";
    private static final String PROBLEM = """
            {"type":"https://comanda.dev/problems/validation","title":"Unprocessable Content","status":422,
             "detail":"items[0].quantity: must be greater than or equal to 1",
             "errors":[{"field":"items[0].quantity","message":"must be greater than or equal to 1"}]}""";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ComandaClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/orders", this::orders);
        server.start();
        client = ComandaClient.builder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .token("cmd_customer")
                .build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void orders(HttpExchange exchange) throws IOException {
        var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + exchange.getRequestHeaders().getFirst("Authorization") + " "
                + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " " + body);
        var refused = body.contains("\"quantity\":0");
        var answer = (refused ? PROBLEM : ORDER).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", refused ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(refused ? 422 : 201, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static PlaceOrderRequest order(int quantity) {
        return PlaceOrderRequest.takeaway(new Customer("Ana", "ana@example.com"))
                .item("PIZZA", quantity)
                .card("tok_visa");
    }

    @Test
    void placingSendsTheTypedBodyWithTokenAndKeyAndReadsTheOrder() {
        var order = client.orders().place(order(2), "key-1");

        assertThat(order.id()).isEqualTo("ord_1");
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.items().getFirst().lineTotal()).isEqualTo(new Money(9000, "BRL"));
        assertThat(requests)
                .containsExactly("POST /api/v1/orders Bearer cmd_customer key-1 "
                        + "{\"customer\":{\"name\":\"Ana\",\"email\":\"ana@example.com\"},"
                        + "\"items\":[{\"sku\":\"PIZZA\",\"quantity\":2}],\"fulfilment\":{\"type\":\"TAKEAWAY\"},"
                        + "\"payment\":{\"method\":\"CARD\",\"cardToken\":\"tok_visa\"}}");
    }

    @Test
    void problemJsonBecomesAProblemExceptionNamingTheField() {
        assertThatThrownBy(() -> client.orders().place(order(0), null))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.type()).isEqualTo(ProblemTypes.VALIDATION);
                    assertThat(problem.is(ProblemTypes.VALIDATION)).isTrue();
                    assertThat(problem.title()).isEqualTo("Unprocessable Content");
                    assertThat(problem.fields()).containsExactly("items[0].quantity");
                    assertThat(problem.retryable()).isFalse();
                });
    }

    @Test
    void placeAsyncCompletesWithTheOrder() {
        assertThat(client.orders().placeAsync(order(1), "key-2").join().id()).isEqualTo("ord_1");
    }

    @Test
    void anotherTokenCallsAsAnotherCaller() {
        client.withToken("cmd_kitchen").orders().get("ord_1");

        assertThat(requests.getFirst()).startsWith("GET /api/v1/orders/ord_1 Bearer cmd_kitchen");
    }

    @Test
    void rawCallsSendTheBodyAsItIsAndAnswerAnyStatus() {
        var response = client.raw().post("/api/v1/orders", "{\"customer\":{},\"items\":[{\"quantity\":0}]}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("items[0].quantity");
        assertThat(requests.getFirst()).endsWith("{\"customer\":{},\"items\":[{\"quantity\":0}]}");
    }

    @Test
    void listenersSeeEveryExchangeAndCanFailTheCall() {
        var seen = new CopyOnWriteArrayList<String>();
        var checked = ComandaClient.builder(client.baseUri())
                .listener(exchange -> seen.add(exchange.method() + " "
                        + exchange.uri().getPath() + " " + exchange.response().status()))
                .listener(exchange -> {
                    if (exchange.response().status() == 422) {
                        throw new AssertionError("refused");
                    }
                })
                .build();

        checked.orders().get("ord_1");
        assertThatThrownBy(() -> checked.orders().place(order(0), null)).isInstanceOf(AssertionError.class);
        assertThat(seen).containsExactly("GET /api/v1/orders/ord_1 201", "POST /api/v1/orders 422");
    }

    @Test
    void aServerThatIsNotThereIsNoAnswer() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var nobody =
                ComandaClient.builder(URI.create("http://127.0.0.1:" + port)).build();

        assertThatThrownBy(() -> nobody.orders().get("ord_1"))
                .isInstanceOfSatisfying(
                        NoAnswerException.class, e -> assertThat(e.kind()).isEqualTo("ConnectException"));
    }
}
