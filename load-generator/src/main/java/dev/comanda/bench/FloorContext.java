package dev.comanda.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;

/**
 * The production write side the floor runs on, wired as the workers wire it: every persistence
 * repository (component-scanned, auto-configured JDBC and transactions, Redis for the event stream's
 * publish after commit) plus the read-model and inventory activity implementations. Nothing that calls
 * out (payment provider, SMTP, webhooks, marketplaces) and no scheduler: the sweeper bean exists but
 * never runs. The schema is the stack's; the floor never migrates it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan({"dev.comanda.persistence", "dev.comanda.activities.inventory", "dev.comanda.activities.order"})
class FloorContext {

    /** Starts the context on the database at {@code url} with a pool of {@code connections}, and {@code settings}. */
    static ConfigurableApplicationContext start(
            String url, String user, String password, int connections, Map<String, Object> settings) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        properties.put("spring.datasource.hikari.maximum-pool-size", connections);
        // The same Connector/J settings as the apps' pools (api-facade.yml, workers.yml).
        properties.putAll(Map.of(
                "spring.datasource.hikari.data-source-properties.cachePrepStmts", "true",
                "spring.datasource.hikari.data-source-properties.prepStmtCacheSize", "250",
                "spring.datasource.hikari.data-source-properties.prepStmtCacheSqlLimit", "2048",
                "spring.datasource.hikari.data-source-properties.useLocalSessionState", "true",
                "spring.datasource.hikari.data-source-properties.cacheServerConfiguration", "true",
                "spring.datasource.hikari.data-source-properties.maintainTimeStats", "false"));
        properties.put("spring.flyway.enabled", "false");
        // The floor sends nothing to Temporal, so it has no payloads to encrypt and needs no master key (the
        // apps read theirs through their YAML, which this context does not load).
        properties.put("comanda.payload-crypto.enabled", "false");
        properties.put("logging.level.root", "WARN");
        properties.putAll(settings);
        return new SpringApplicationBuilder(FloorContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(properties)
                .run();
    }
}
