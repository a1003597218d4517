package dev.comanda.activities;

import java.time.Duration;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * The transport of every outbound call the activities make (the payment provider, restaurant webhooks,
 * marketplaces): Apache HttpClient 5's classic client over a pool of kept-alive connections. A call runs on
 * the caller's thread — on the workers a virtual thread, which parks while the socket waits — where the JDK's
 * {@code HttpClient} handed every exchange to its selector thread and an executor and back (a charge's
 * share of the workers' CPU went to those hand-overs), and, with a read timeout, made two exceptions per
 * response to cancel its timer. The client retries nothing itself.
 */
public final class OutboundHttp {

    /**
     * Connections per host: far above what one worker's calls to one provider keep busy (a charge takes a
     * few milliseconds), so a burst never waits for the pool.
     */
    static final int MAX_CONNECTIONS_PER_HOST = 64;
    /** Connections in all, per client. */
    static final int MAX_CONNECTIONS = 256;
    /**
     * A pooled connection idle for longer is checked before it is reused, so a connection the far end closed
     * meanwhile is not handed to a request (a POST on it could not be retried by the client).
     */
    static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(2);

    private OutboundHttp() {}

    /**
     * A request factory whose calls give up connecting after {@code connectTimeout} (waiting for a pooled
     * connection counts as connecting) and waiting for the answer after {@code readTimeout}.
     */
    public static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
        return ClientHttpRequestFactoryBuilder.httpComponents()
                // Retries are the activity's (Temporal's retry policy, the same idempotency key), never hidden
                // in the client: it would resend a POST answered 503 or 429 by itself.
                .withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries)
                .withConnectionManagerCustomizer(pool ->
                        pool.setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST).setMaxConnTotal(MAX_CONNECTIONS))
                .withConnectionConfigCustomizer(
                        connection -> connection.setValidateAfterInactivity(VALIDATE_AFTER_IDLE))
                .withDefaultRequestConfigCustomizer(
                        request -> request.setConnectionRequestTimeout(Timeout.of(connectTimeout)))
                .build(HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout));
    }
}
