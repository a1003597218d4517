package dev.comanda.reliability;

import dev.comanda.client.ComandaClient;
import dev.comanda.client.ProductRequests.NewProduct;
import dev.comanda.client.Tenants.MarketplaceEndpoint;
import dev.comanda.client.Tenants.NewTenant;
import dev.comanda.client.Tenants.RestaurantEndpoint;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One fault run's client side: onboards a fresh tenant (menu, restaurant webhook, marketplace), drives a
 * steady load of orders while {@code reliability/fault-run} injects its fault, waits for every
 * acknowledged order to settle, then checks the invariants and prints the figures. Exits 0 when every
 * invariant holds, 1 on a violation, 2 when the orders did not settle in time.
 *
 * <p>Options ({@code --name=value}): api, operator-key, sandbox, sandbox-key, db-url, db-user,
 * db-password, temporal, rate (orders/s), duration, settle (longest wait for the last order),
 * scarce-stock, report (a file the report is also written to).
 */
public final class FaultRun {

    /** The run's restaurant and the tokens it was given. */
    record Tenant(String id, String customer, String kitchen, String admin) {}

    private static final int STAPLE_STOCK = 1_000_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Short enough that a call stuck on a broken dependency counts as unanswered and is retried. */
    private static final Duration API_TIMEOUT = Duration.ofSeconds(15);

    private static final Duration SANDBOX_TIMEOUT = Duration.ofSeconds(30);
    private static final String WEBHOOK_SECRET = "whsec_fault_run_restaurant";

    private FaultRun() {}

    public static void main(String[] args) throws Exception {
        var options = options(args);
        var api = ComandaClient.builder(URI.create(options.get("api")))
                .connectTimeout(CONNECT_TIMEOUT)
                .requestTimeout(API_TIMEOUT)
                .build();
        var duration = Duration.parse("PT" + options.get("duration").toUpperCase());
        var settle = Duration.parse("PT" + options.get("settle").toUpperCase());
        try (var receiver = new Receiver()) {
            var tenant = onboard(api, options, receiver);
            System.out.println("tenant " + tenant.id() + " ready; LOAD STARTED");
            var loadStarted = Instant.now();
            // One deadline for everything: clients keep driving their orders (a kitchen never walks away
            // from an accepted order) until the run gives up on settling.
            var giveUpAt = loadStarted.plus(duration).plus(settle);
            var driver = new LoadDriver(api, tenant, giveUpAt);
            var loadEnded = driver.run(Double.parseDouble(options.get("rate")), duration, tenant.id());
            System.out.println("LOAD ENDED; clients: " + driver.counters());

            var jdbc = JdbcClient.create(new DriverManagerDataSource(
                    options.get("db-url"), options.get("db-user"), options.get("db-password")));
            var stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(options.get("temporal"))
                    .build());
            // No data converter of its own: the checker only describes workflows (status, never a payload),
            // so no customer's data and no data key pass through this client.
            var temporal = WorkflowClient.newInstance(
                    stubs,
                    WorkflowClientOptions.newBuilder().setNamespace("default").build());
            var checker = new Checker(
                    jdbc,
                    temporal,
                    ComandaClient.builder(URI.create(options.get("sandbox")))
                            .connectTimeout(CONNECT_TIMEOUT)
                            .requestTimeout(SANDBOX_TIMEOUT)
                            .build()
                            .raw(),
                    options.get("sandbox-key"),
                    Boolean.parseBoolean(options.get("temporal-data-lost")));
            var acknowledged = driver.acknowledged().keySet();
            var settled = checker.awaitSettled(
                    tenant.id(),
                    acknowledged,
                    Duration.between(Instant.now(), giveUpAt).plusMinutes(1));
            var settleTime = Duration.between(loadEnded, Instant.now());

            var report = checker.check(tenant.id(), acknowledged);
            new EffectChecks(jdbc).check(tenant.id(), receiver.deliveries(), report);
            report.figure(
                    "load seconds", Duration.between(loadStarted, loadEnded).toSeconds());
            report.figure("seconds from load end until the last order settled", settleTime.toSeconds());
            driver.counters().forEach((name, value) -> report.figure("client " + name, value));
            if (driver.answeredDifferently() > 0) {
                // One key, one answer: a client that sent its placement twice must not hear two outcomes.
                report.violation(driver.answeredDifferently()
                        + " placements sent twice at once under one key got two different answers");
            }
            driver.calls().reportTo(report);
            var text = "tenant " + tenant.id() + "\n" + report.render();
            System.out.println(text);
            if (options.containsKey("report")) {
                Files.writeString(Path.of(options.get("report")), text);
            }
            stubs.shutdown();
            System.exit(!settled ? 2 : report.clean() ? 0 : 1);
        }
    }

    private static Tenant onboard(ComandaClient api, Map<String, String> options, Receiver receiver) {
        var id = "rel-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        var operator = api.operator(options.get("operator-key"));
        var tokens = operator.onboard(new NewTenant(id, "Fault run", "BRL"));
        var tenant = new Tenant(id, tokens.customer(), tokens.kitchen(), tokens.admin());
        var products = api.withToken(tenant.admin()).products();
        products.create(new NewProduct(LoadDriver.STAPLE, LoadDriver.STAPLE, 4_500, STAPLE_STOCK));
        products.create(new NewProduct(LoadDriver.SIDE, LoadDriver.SIDE, 900, STAPLE_STOCK));
        products.create(new NewProduct(
                LoadDriver.SCARCE_SKU, LoadDriver.SCARCE_SKU, 9_900, Integer.parseInt(options.get("scarce-stock"))));
        operator.restaurantEndpoint(
                id, new RestaurantEndpoint(receiver.url(Receiver.RESTAURANT_PATH), WEBHOOK_SECRET, null));
        operator.marketplace(id, "rappi", new MarketplaceEndpoint(receiver.url(Receiver.MARKETPLACE_PATH), null, true));
        return tenant;
    }

    private static Map<String, String> options(String[] args) {
        var options = new LinkedHashMap<String, String>(Map.of(
                "api", "http://127.0.0.1:8180",
                "sandbox", "http://127.0.0.1:8190",
                "sandbox-key", "sk_test_comanda",
                "db-url", "jdbc:mysql://127.0.0.1:3307/comanda_rel?connectionTimeZone=UTC",
                "db-user", "root",
                "db-password", "",
                "temporal", "127.0.0.1:7243",
                "rate", "5",
                "duration", "120s",
                "settle", "600s"));
        options.put("scarce-stock", "60");
        options.put("temporal-data-lost", "false");
        options.put("operator-key", "rel-operator-key");
        for (var arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
