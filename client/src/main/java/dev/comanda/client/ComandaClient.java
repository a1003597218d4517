package dev.comanda.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The Comanda REST API ({@code /api/v1}) as typed calls, over one shared {@link HttpClient}.
 *
 * <pre>{@code
 * var comanda = ComandaClient.builder(URI.create("https://comanda.example.com")).token(customerToken).build();
 * Order order = comanda.orders().place(PlaceOrderRequest.takeaway(new Customer("Ana", "ana@example.com"))
 *         .item("PIZZA-MARG", 2).card("tok_visa"), "order-1");
 * Order moved = comanda.withToken(kitchenToken).orders().transition(order.id(), OrderStatus.ACCEPTED);
 * }</pre>
 *
 * A 2xx answer comes back as its record; any other answer is a {@link ProblemException} (status, type,
 * title, detail, field errors); no answer at all (refused, reset, timed out) is a {@link NoAnswerException}.
 * Instances are immutable and thread-safe; {@link #withToken} makes another caller on the same connections.
 */
public final class ComandaClient {

    private final Transport transport;
    private final String token;

    private ComandaClient(Transport transport, String token) {
        this.transport = transport;
        this.token = token;
    }

    /** A client of the server at {@code baseUri} (its root: the client adds {@code /api/v1}). */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    /** The same server and connections, calling as the holder of {@code token} (null: no Authorization). */
    public ComandaClient withToken(String token) {
        return new ComandaClient(transport, token);
    }

    /** The server root this client calls. */
    public URI baseUri() {
        return transport.baseUri();
    }

    public OrdersApi orders() {
        return new OrdersApi(transport, token);
    }

    public ProductsApi products() {
        return new ProductsApi(transport, token);
    }

    public DevicesApi devices() {
        return new DevicesApi(transport, token);
    }

    /** Login, refresh and logout (no token needed), and a signed-in person's sessions and password. */
    public SignInApi signIn() {
        return new SignInApi(transport, token);
    }

    /** The tenant's staff accounts, for admins. */
    public StaffApi staff() {
        return new StaffApi(transport, token);
    }

    /** The tenant's API keys and publishable keys, for admins. */
    public ApiKeysApi apiKeys() {
        return new ApiKeysApi(transport, token);
    }

    public SyncApi sync() {
        return new SyncApi(transport, token);
    }

    /** The ops queue as this token's caller (an OPS token: its own tenant). */
    public OpsApi ops() {
        return new OpsApi(transport, token, null);
    }

    /** The ops queue as the operator ({@code X-Operator-Key}): every tenant. */
    public OpsApi ops(String operatorKey) {
        return new OpsApi(transport, null, Objects.requireNonNull(operatorKey, "operatorKey"));
    }

    /** The operator endpoints (tenants and where their notifications go), guarded by {@code X-Operator-Key}. */
    public OperatorApi operator(String operatorKey) {
        return new OperatorApi(transport, Objects.requireNonNull(operatorKey, "operatorKey"));
    }

    /** The low-level escape hatch: any method, path, headers and body; status, headers and bytes back. */
    public RawApi raw() {
        return new RawApi(transport, token);
    }

    /** How a {@link ComandaClient} connects; every setting has a default. */
    public static final class Builder {

        private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

        private final URI baseUri;
        private String token;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Executor executor;
        private final List<ExchangeListener> listeners = new ArrayList<>();

        private Builder(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        }

        /** The bearer token sent as {@code Authorization: Bearer <token>}. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            return this;
        }

        /** How long one request may wait for its answer before it is a {@link NoAnswerException}. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }

        /** The executor of the HTTP client's async work (the JDK's default when unset). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Sees every exchange once its answer is in, e.g. to check it against the OpenAPI document. */
        public Builder listener(ExchangeListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        public ComandaClient build() {
            var http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
            if (executor != null) {
                http.executor(executor);
            }
            return new ComandaClient(
                    new Transport(http.build(), baseUri, requestTimeout, List.copyOf(listeners)), token);
        }
    }
}
