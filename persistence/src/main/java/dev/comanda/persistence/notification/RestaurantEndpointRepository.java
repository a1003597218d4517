package dev.comanda.persistence.notification;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code restaurant_endpoints}: one row per tenant, written by the API's operator endpoint. */
@Repository
public class RestaurantEndpointRepository {

    private static final String UPSERT = """
            INSERT INTO restaurant_endpoints (tenant_id, webhook_url, webhook_secret, email, updated_at)
            VALUES (:tenantId, :webhookUrl, :webhookSecret, :email, :now)
            ON DUPLICATE KEY UPDATE
                webhook_url = :webhookUrl,
                webhook_secret = :webhookSecret,
                email = :email,
                updated_at = :now
            """;

    private static final String FIND = """
            SELECT tenant_id, webhook_url, webhook_secret, email
            FROM restaurant_endpoints
            WHERE tenant_id = :tenantId
            """;

    private final JdbcClient jdbc;

    public RestaurantEndpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void upsert(RestaurantEndpoint endpoint) {
        jdbc.sql(UPSERT)
                .param("tenantId", endpoint.tenantId())
                .param("webhookUrl", endpoint.webhookUrl())
                .param("webhookSecret", endpoint.webhookSecret())
                .param("email", endpoint.email())
                .param("now", LocalDateTime.now(Clock.systemUTC()))
                .update();
    }

    @Transactional(readOnly = true)
    public Optional<RestaurantEndpoint> find(String tenantId) {
        return jdbc.sql(FIND)
                .param("tenantId", tenantId)
                .query(RestaurantEndpoint.class)
                .optional();
    }
}
