package dev.comanda.local;

import dev.comanda.api.ApiApplication;
import dev.comanda.devservices.Ports;
import dev.comanda.sandbox.PaymentSandbox;
import dev.comanda.sandbox.SandboxConfig;
import dev.comanda.worker.WorkerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Comanda on one machine with one command: the infrastructure of {@link LocalStack} (a real Temporal dev
 * server, MariaDB, Redis — existing ones when they answer, started ones otherwise), the payment sandbox,
 * the workers and the API, each app in its own Spring context in this JVM. The end-to-end tests start it
 * the same way.
 */
public final class LocalComanda implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalComanda.class);

    private final LocalStack stack;
    private final PaymentSandbox sandbox;
    private final ConfigurableApplicationContext workers;
    private final ConfigurableApplicationContext api;
    private final int apiPort;
    private final int managementPort;

    private LocalComanda(
            LocalStack stack,
            PaymentSandbox sandbox,
            ConfigurableApplicationContext workers,
            ConfigurableApplicationContext api,
            int apiPort,
            int managementPort) {
        this.stack = stack;
        this.sandbox = sandbox;
        this.workers = workers;
        this.api = api;
        this.apiPort = apiPort;
        this.managementPort = managementPort;
    }

    /**
     * Starts everything; stops what it started if any part fails.
     *
     * @param settings ports (0 for any free one) and extra Spring properties for both apps
     */
    private static final List<String> WORKERS_WITHOUT_SECURITY = List.of(
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web"
                    + ".OAuth2ResourceServerWebSecurityAutoConfiguration");

    public static LocalComanda start(LocalStackOptions options, LocalSettings settings) {
        var apiPort = settings.apiPort() == 0 ? Ports.free() : settings.apiPort();
        // The dev server's Web UI decodes payloads through the API's codec endpoint (docs/personal-data.md).
        var stack =
                LocalStack.start(options.withTemporal(options.temporal().withCodecEndpoint(codecEndpoint(apiPort))));
        var sandbox = new PaymentSandbox();
        ConfigurableApplicationContext workers = null;
        try {
            var webhook = "http://127.0.0.1:" + apiPort + "/api/v1/payments/webhook";
            var sandboxPort = sandbox.start(
                    settings.sandbox().withWebhook(webhook, settings.sandbox().webhookSecret()));
            var common = new LinkedHashMap<String, String>();
            common.put("spring.datasource.url", stack.jdbcUrl());
            common.put("spring.datasource.username", stack.dbUser());
            common.put("spring.datasource.password", stack.dbPassword());
            common.put("spring.temporal.connection.target", stack.temporalAddress());
            common.put("comanda.redis.url", stack.redisUrl());
            common.put("comanda.payments.base-url", "http://127.0.0.1:" + sandboxPort);
            common.put("comanda.payments.secret-key", settings.sandbox().secretKey());
            common.put("comanda.payments.webhook-secret", settings.sandbox().webhookSecret());
            if (stack.temporalUiUrl() != null) {
                common.put("comanda.api.temporal-ui-url", stack.temporalUiUrl());
                common.put("comanda.api.codec.allowed-origins", stack.temporalUiUrl());
            }
            common.putAll(settings.properties());

            var workerProperties = new LinkedHashMap<>(common);
            workerProperties.put("server.port", String.valueOf(settings.workerPort()));
            // The workers ship without Spring Security; in this one JVM they see the API's classpath, whose
            // security auto-configuration would lock their actuator (health, Prometheus) behind a login.
            workerProperties.put("spring.autoconfigure.exclude", String.join(",", WORKERS_WITHOUT_SECURITY));
            workers = WorkerApplication.application().run(arguments(workerProperties));
            var managementPort = settings.managementPort() == 0 ? Ports.free() : settings.managementPort();
            var apiProperties = new LinkedHashMap<>(common);
            apiProperties.put("server.port", String.valueOf(apiPort));
            // The API's actuator (health details, Prometheus) has its own port; the workers' stays on theirs.
            apiProperties.put("management.server.port", String.valueOf(managementPort));
            // The workers migrated the schema a moment ago.
            apiProperties.put("spring.flyway.enabled", "false");
            var api = ApiApplication.application().run(arguments(apiProperties));
            return new LocalComanda(stack, sandbox, workers, api, apiPort, managementPort);
        } catch (RuntimeException e) {
            if (workers != null) {
                workers.close();
            }
            sandbox.close();
            stack.close();
            throw e;
        }
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** The API's management server: health, liveness, readiness and Prometheus under /actuator. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public String sandboxUrl() {
        return sandbox.baseUrl();
    }

    public LocalStack stack() {
        return stack;
    }

    public PaymentSandbox sandbox() {
        return sandbox;
    }

    public ConfigurableApplicationContext api() {
        return api;
    }

    public ConfigurableApplicationContext workers() {
        return workers;
    }

    /** Stops the API first (no new orders), then the workers (they drain), then the sandbox and infrastructure. */
    @Override
    public void close() {
        api.close();
        workers.close();
        sandbox.close();
        stack.close();
    }

    /** The API's remote codec for Temporal UI. */
    static String codecEndpoint(int apiPort) {
        return "http://" + Ports.LOOPBACK + ":" + apiPort + "/codec";
    }

    private static String[] arguments(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args.toArray(String[]::new);
    }

    public static void main(String[] args) {
        var comanda = start(LocalStackOptions.fromEnvironment(), LocalSettings.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(comanda::close, "comanda-shutdown"));
        var demo = DemoTenant.seed(comanda.api());
        log.info(demo.banner(comanda.apiUrl(), comanda.managementUrl(), comanda.sandboxUrl(), comanda.stack()));
    }

    /**
     * Where the local run listens and what it adds to both apps' configuration.
     *
     * @param managementPort the API's actuator (COMANDA_MANAGEMENT_PORT); 0 for any free port
     */
    public record LocalSettings(
            int apiPort, int workerPort, int managementPort, SandboxConfig sandbox, Map<String, String> properties) {

        public LocalSettings {
            properties = Map.copyOf(properties);
        }

        static LocalSettings fromEnvironment() {
            var env = System.getenv();
            var sandbox = SandboxConfig.fromEnv(env);
            if (sandbox.dataFile() == null) {
                // The provider's books survive a crash of the local run, like its orders and workflows.
                var localDir = Path.of(env.getOrDefault("COMANDA_LOCAL_DIR", LocalStackOptions.DEFAULT_LOCAL_DIR));
                sandbox = sandbox.withDataFile(localDir.resolve("sandbox").resolve("ledger.jsonl"));
            }
            var properties = new LinkedHashMap<String, String>();
            properties.put("comanda.api.operator-key", env.getOrDefault("COMANDA_OPERATOR_KEY", "local-operator-key"));
            if (env.get("COMANDA_PAYLOAD_MASTER_KEYS") == null
                    && System.getProperty("comanda.payload-crypto.master-keys") == null) {
                var localDir = Path.of(env.getOrDefault("COMANDA_LOCAL_DIR", LocalStackOptions.DEFAULT_LOCAL_DIR));
                properties.put("comanda.payload-crypto.master-keys", LocalMasterKey.loadOrCreate(localDir));
            }
            return new LocalSettings(
                    Integer.parseInt(env.getOrDefault("COMANDA_API_PORT", "8080")),
                    Integer.parseInt(env.getOrDefault("COMANDA_WORKER_PORT", "8081")),
                    Integer.parseInt(env.getOrDefault("COMANDA_MANAGEMENT_PORT", "8082")),
                    sandbox,
                    properties);
        }
    }
}
