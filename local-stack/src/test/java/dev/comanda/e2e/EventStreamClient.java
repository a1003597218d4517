package dev.comanda.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A client of {@code /api/v1/events} over a real WebSocket (the JDK's), keeping every message it
 * receives with its arrival time, the pings the server sent and how the server closed the stream.
 */
final class EventStreamClient implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    /** A message and the wall-clock time it arrived, in epoch microseconds. */
    record Received(JsonNode json, long arrivedMicros) {

        String type() {
            return json.path("type").asString();
        }

        long seq() {
            return json.path("seq").asLong();
        }
    }

    /** How the server closed the stream. */
    record Closed(int code, String reason) {}

    // One client for every stream of the run: a JDK HttpClient holds a selector thread of its own.
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final WebSocket socket;

    private EventStreamClient(String baseUrl, String headerToken, String query) {
        var uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/api/v1/events" + (query == null ? "" : query));
        var builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (headerToken != null) {
            builder.header("Authorization", "Bearer " + headerToken);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Connects with the token in the upgrade's Authorization header; {@code query} like {@code "?since=4"}. */
    static EventStreamClient withHeader(String baseUrl, String token, String query) {
        return new EventStreamClient(baseUrl, token, query);
    }

    /** Connects as a browser does: no header; authenticate with {@link #send} of an auth message. */
    static EventStreamClient withoutHeader(String baseUrl, String query) {
        return new EventStreamClient(baseUrl, null, query);
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next message; fails when none comes within the deadline. */
    Received next() {
        try {
            var message = messages.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message)
                    .as("a message within %s (closed: %s)", DEADLINE, closed.getNow(null))
                    .isNotNull();
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Messages up to and including the first that matches; fails when it does not come in time. */
    List<Received> until(Predicate<Received> last) {
        var seen = new ArrayList<Received>();
        Received message;
        do {
            message = next();
            seen.add(message);
        } while (!last.test(message));
        return seen;
    }

    /** The events of the catch-up, after reading the hello; the caught-up marker ends it. */
    List<Received> catchUp() {
        var hello = next();
        assertThat(hello.type()).as("first message %s", hello.json()).isEqualTo("hello");
        var seen = until(m -> m.type().equals("caught-up"));
        return seen.subList(0, seen.size() - 1);
    }

    /** Events (only) up to and including the first event of {@code orderId} with {@code status}. */
    List<Received> eventsUntil(String orderId, String status) {
        return until(m -> m.type().equals("event")
                        && m.json().path("orderId").asString().equals(orderId)
                        && m.json().path("status").asString().equals(status))
                .stream()
                .filter(m -> m.type().equals("event"))
                .toList();
    }

    /** Messages received and not read yet. */
    List<Received> drained() {
        var rest = new ArrayList<Received>();
        messages.drainTo(rest);
        return rest;
    }

    Closed awaitClosed() {
        return closed.orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    boolean isOpen() {
        return !closed.isDone() && !socket.isInputClosed();
    }

    int pings() {
        return pings.get();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                var micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                messages.add(new Received(E2eStack.JSON.readTree(partial.toString()), micros));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            // The JDK answers with a pong on its own.
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
