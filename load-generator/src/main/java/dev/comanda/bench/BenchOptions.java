package dev.comanda.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one benchmark run does. Every option is {@code --name value}; {@link #usage()} lists them.
 *
 * @param rate open loop: orders started per second, on schedule whatever the responses do; 0 for closed loop
 * @param concurrency closed loop: orders in flight, each loop placing the next once the last has ended
 * @param kitchen drive confirmed orders through the kitchen to COMPLETED; false stops following at CONFIRMED
 * @param storefront place orders as a storefront does (its publishable key; a cancel with the order's
 *     tracking token, docs/identity.md); false: with the tenant's CUSTOMER API key, as runs before it did
 * @param pids processes whose CPU time is charged to the measured orders, by name (workers, service, ...)
 * @param floorOrders orders of the JDBC floor (0 skips it)
 */
record BenchOptions(
        String api,
        String operatorKey,
        String dbUrl,
        String dbUser,
        String dbPassword,
        double rate,
        int concurrency,
        Duration duration,
        Duration warmup,
        Duration drain,
        Duration idle,
        Mix mix,
        boolean kitchen,
        boolean storefront,
        Duration poll,
        int historySample,
        Map<String, Long> pids,
        int floorOrders,
        int floorThreads,
        Path out,
        String label) {

    /**
     * What the orders look like; shares are fractions of all orders.
     *
     * @param pix share paid by PIX (paid by the sandbox after its PIX delay)
     * @param cash share paid on delivery
     * @param decline share of card orders with a declined card
     * @param cancel share cancelled by the customer once CONFIRMED
     * @param minItems fewest lines per basket
     * @param maxItems most lines per basket
     */
    record Mix(double pix, double cash, double decline, double cancel, int minItems, int maxItems) {}

    /** The name the generator's own CPU is reported under whenever other processes' is. */
    static final String GENERATOR = "generator";

    static BenchOptions parse(String... args) {
        var values = new LinkedHashMap<String, String>();
        var pids = new LinkedHashMap<String, Long>();
        for (int i = 0; i < args.length; i++) {
            var name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value at '" + name + "'\n" + usage());
            }
            var value = args[++i];
            if (name.equals("--pid")) {
                var parts = value.split("=", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("--pid wants name=pid, got " + value);
                }
                pids.put(parts[0], Long.parseLong(parts[1]));
            } else {
                values.put(name.substring(2), value);
            }
        }
        if (!pids.isEmpty()) {
            // The generator runs on the machine it measures: its own share is reported beside the stack's.
            pids.putIfAbsent(GENERATOR, ProcessHandle.current().pid());
        }
        var known = java.util.Set.of(
                "api",
                "operator-key",
                "db-url",
                "db-user",
                "db-password",
                "rate",
                "concurrency",
                "duration",
                "warmup",
                "drain",
                "idle",
                "pix",
                "cash",
                "decline",
                "cancel",
                "basket",
                "kitchen",
                "customer",
                "poll",
                "history-sample",
                "floor-orders",
                "floor-threads",
                "out",
                "label");
        for (var name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "\n" + usage());
            }
        }
        var basket = values.getOrDefault("basket", "1-3").split("-", 2);
        var minItems = Integer.parseInt(basket[0]);
        var maxItems = basket.length > 1 ? Integer.parseInt(basket[1]) : minItems;
        var rate = Double.parseDouble(values.getOrDefault("rate", "0"));
        var concurrency = Integer.parseInt(values.getOrDefault("concurrency", rate > 0 ? "0" : "32"));
        if (rate <= 0 && concurrency <= 0) {
            throw new IllegalArgumentException("give --rate (open loop) or --concurrency (closed loop)");
        }
        if (minItems < 1 || maxItems < minItems || maxItems > 50) {
            throw new IllegalArgumentException("--basket wants min-max lines within 1-50");
        }
        return new BenchOptions(
                stripSlash(values.getOrDefault("api", "http://127.0.0.1:8080")),
                values.getOrDefault("operator-key", "local-operator-key"),
                values.getOrDefault(
                        "db-url",
                        "jdbc:mysql://127.0.0.1:3306/comanda?useSSL=false&allowPublicKeyRetrieval=true"
                                + "&rewriteBatchedStatements=true&connectionTimeZone=UTC"),
                values.getOrDefault("db-user", "root"),
                values.getOrDefault("db-password", ""),
                rate,
                concurrency,
                duration(values.getOrDefault("duration", "30s")),
                duration(values.getOrDefault("warmup", "10s")),
                duration(values.getOrDefault("drain", "60s")),
                duration(values.getOrDefault("idle", "10s")),
                new Mix(
                        share(values, "pix", "0"),
                        share(values, "cash", "0"),
                        share(values, "decline", "0"),
                        share(values, "cancel", "0"),
                        minItems,
                        maxItems),
                Boolean.parseBoolean(values.getOrDefault("kitchen", "true")),
                storefront(values.getOrDefault("customer", "storefront")),
                duration(values.getOrDefault("poll", "10ms")),
                Integer.parseInt(values.getOrDefault("history-sample", "20")),
                Map.copyOf(pids),
                Integer.parseInt(values.getOrDefault("floor-orders", "3000")),
                Integer.parseInt(values.getOrDefault("floor-threads", "8")),
                Path.of(values.getOrDefault("out", "bench/results")),
                values.getOrDefault("label", ""));
    }

    boolean openLoop() {
        return rate > 0;
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}: the units a person types. */
    static Duration duration(String text) {
        var t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        var amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("a duration like 30s, 500ms or 2m, not " + text);
        };
    }

    private static double share(Map<String, String> values, String name, String fallback) {
        var share = Double.parseDouble(values.getOrDefault(name, fallback));
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("--" + name + " is a share between 0 and 1");
        }
        return share;
    }

    private static boolean storefront(String customer) {
        return switch (customer) {
            case "storefront" -> true;
            case "key" -> false;
            default -> throw new IllegalArgumentException("--customer is storefront or key, not " + customer);
        };
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String usage() {
        return """
                usage: java -jar load-generator-exec.jar [options]
                  --api URL              Comanda API base [http://127.0.0.1:8080]
                  --operator-key KEY     X-Operator-Key of POST /api/v1/ops/tenants [local-operator-key]
                  --db-url JDBC          the stack's database: orders are followed in its read model [.../comanda]
                  --db-user U --db-password P
                  --rate N               open loop: N orders started per second
                  --concurrency N        closed loop: N orders in flight (used when --rate is absent) [32]
                  --duration 30s         measured phase; --drain 60s: at most this long for its orders after it
                  --warmup 10s           before it: a ramp from a tenth of --rate up to it, then at most --drain
                                         for the backlog to drain (a warm-up that cannot drain: step INVALID)
                  --idle 10s             quiet window once nothing is in flight: each --pid's CPU (0: skip)
                  --pix 0 --cash 0       shares of PIX and cash orders (the rest pay by card)
                  --decline 0            share of card orders declined; --cancel 0: share cancelled once CONFIRMED
                  --basket 1-3           lines per order
                  --kitchen true         drive confirmed orders to COMPLETED (false: stop at CONFIRMED)
                  --customer storefront  place with a publishable key, cancel with the order's tracking token
                                         (key: with the CUSTOMER API key, as runs before identity did)
                  --poll 10ms            how often the read model is polled for progress
                  --history-sample 20    orders whose workflow history is counted
                  --pid name=PID         a process whose CPU time per order is reported (repeatable; the
                                         generator's own is then reported too, as "generator")
                  --floor-orders 3000    orders of the plain-JDBC floor (0: skip); --floor-threads 8
                  --out bench/results    where report.json and report.md go; --label text: names the run
                """;
    }
}
