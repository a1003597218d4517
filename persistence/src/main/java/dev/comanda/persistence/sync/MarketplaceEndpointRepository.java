package dev.comanda.persistence.sync;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code marketplace_endpoints}: written by the API's operator endpoint, read when orders are placed and pushed. */
@Repository
public class MarketplaceEndpointRepository {

    private static final String UPSERT = """
            INSERT INTO marketplace_endpoints (tenant_id, channel, url, secret, enabled, updated_at)
            VALUES (:tenantId, :channel, :url, :secret, :enabled, :now)
            ON DUPLICATE KEY UPDATE
                url = :url,
                secret = :secret,
                enabled = :enabled,
                updated_at = :now
            """;

    private static final String FIND = """
            SELECT tenant_id, channel, url, secret, enabled
            FROM marketplace_endpoints
            WHERE tenant_id = :tenantId
              AND channel = :channel
            """;

    private static final String ENABLED_CHANNELS = """
            SELECT channel
            FROM marketplace_endpoints
            WHERE tenant_id = :tenantId
              AND enabled = TRUE
            ORDER BY channel
            """;

    private static final String DISABLE_ALL = """
            UPDATE marketplace_endpoints
            SET enabled = FALSE,
                updated_at = :now
            WHERE tenant_id = :tenantId
              AND enabled = TRUE
            """;

    private final JdbcClient jdbc;

    public MarketplaceEndpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void upsert(MarketplaceEndpoint endpoint) {
        jdbc.sql(UPSERT)
                .param("tenantId", endpoint.tenantId())
                .param("channel", endpoint.channel())
                .param("url", endpoint.url())
                .param("secret", endpoint.secret())
                .param("enabled", endpoint.enabled())
                .param("now", LocalDateTime.now(Clock.systemUTC()))
                .update();
    }

    @Transactional(readOnly = true)
    public Optional<MarketplaceEndpoint> find(String tenantId, String channel) {
        return jdbc.sql(FIND)
                .param("tenantId", tenantId)
                .param("channel", channel)
                .query(MarketplaceEndpoint.class)
                .optional();
    }

    /** The channels a new order of this tenant is pushed to: the {@code marketplaces} of PlaceOrder. */
    @Transactional(readOnly = true)
    public List<String> enabledChannels(String tenantId) {
        return jdbc.sql(ENABLED_CHANNELS)
                .param("tenantId", tenantId)
                .query(String.class)
                .list();
    }

    /** Stops pushing an offboarded tenant's orders anywhere; how many endpoints were enabled. */
    @Transactional
    public int disableAll(String tenantId) {
        return jdbc.sql(DISABLE_ALL)
                .param("tenantId", tenantId)
                .param("now", LocalDateTime.now(Clock.systemUTC()))
                .update();
    }
}
