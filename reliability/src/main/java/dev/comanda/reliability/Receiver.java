package dev.comanda.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * The restaurant's webhook and a marketplace, as the outside world: records every delivery with its
 * Idempotency-Key, so the checker can tell one effect delivered twice from two effects.
 */
final class Receiver implements AutoCloseable {

    static final String RESTAURANT_PATH = "/restaurant";
    static final String MARKETPLACE_PATH = "/marketplace";

    /** One POST that reached us: which endpoint, and the key the sender gave it. */
    record Delivery(String endpoint, String idempotencyKey) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(RESTAURANT_PATH, exchange -> receive(exchange, RESTAURANT_PATH, "{}"));
        server.createContext(
                MARKETPLACE_PATH,
                exchange -> receive(
                        exchange,
                        MARKETPLACE_PATH,
                        "{\"id\":\"mk-"
                                + Integer.toHexString(exchange.getRequestHeaders()
                                        .getFirst("Idempotency-Key")
                                        .hashCode())
                                + "\"}"));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void receive(HttpExchange exchange, String endpoint, String answer) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            deliveries.add(new Delivery(endpoint, exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            var bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
