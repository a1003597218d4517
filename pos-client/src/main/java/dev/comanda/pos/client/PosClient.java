package dev.comanda.pos.client;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference POS as a command line; a desktop app embeds {@link LocalStore}, {@link OrderTaking} and
 * {@link Syncer} the same way. Settings come from options or the environment: {@code --db}
 * ({@code COMANDA_POS_DB}, default {@code pos.db}), {@code --api} ({@code COMANDA_POS_API}) and
 * {@code --token} ({@code COMANDA_POS_TOKEN}, the device token an admin got from {@code POST /api/v1/devices}).
 *
 * <pre>
 * pos order --table 7 [--pay PAID_AT_COUNTER|CASH] PIZZA:2 SODA:1   works offline, confirms at once
 * pos sync                                                           push pending orders, pull changes
 * pos pending | pos problems [--ack] | pos catalog
 * </pre>
 */
public final class PosClient {

    private PosClient() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** Runs one command; the exit status (0 ok, 1 failed, 2 bad usage, 3 offline: orders stay pending). */
    static int run(String[] args, Map<String, String> env, PrintStream out) {
        if (args.length == 0 || args[0].equals("help")) {
            out.println(
                    "usage: pos order --table T [--pay PAID_AT_COUNTER|CASH] SKU:QTY... | sync | pending | problems [--ack] | catalog");
            return args.length == 0 ? 2 : 0;
        }
        var options = new HashMap<String, String>();
        var positional = new ArrayList<String>();
        var rest = Arrays.asList(args).subList(1, args.length);
        for (int i = 0; i < rest.size(); i++) {
            var arg = rest.get(i);
            if (arg.equals("--ack")) {
                options.put("ack", "true");
            } else if (arg.startsWith("--") && i + 1 < rest.size()) {
                options.put(arg.substring(2), rest.get(++i));
            } else {
                positional.add(arg);
            }
        }
        var db = Path.of(options.getOrDefault("db", env.getOrDefault("COMANDA_POS_DB", "pos.db")));
        try (var store = LocalStore.open(db)) {
            return switch (args[0]) {
                case "order" -> order(store, options, positional, out);
                case "sync" -> sync(store, options, env, out);
                case "pending" -> {
                    store.pending(Integer.MAX_VALUE)
                            .forEach(o -> out.println(o.clientOrderId() + " " + o.createdAt() + " "
                                    + OrderTaking.totalCents(o.payload())));
                    yield 0;
                }
                case "problems" -> {
                    var problems = store.unacknowledgedProblems();
                    Syncer.describe(problems).forEach(out::println);
                    if (options.containsKey("ack")) {
                        problems.forEach(p -> store.acknowledge(p.clientOrderId()));
                    }
                    yield 0;
                }
                case "catalog" -> {
                    store.catalog()
                            .values()
                            .forEach(p ->
                                    out.println(p.sku() + " " + p.name() + " " + p.priceCents() + " " + p.currency()
                                            + (p.active() ? "" : " (off sale)") + " available " + p.available()));
                    yield 0;
                }
                default -> {
                    out.println("unknown command " + args[0]);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            out.println("refused: " + e.getMessage());
            return 2;
        }
    }

    private static int order(LocalStore store, Map<String, String> options, List<String> items, PrintStream out) {
        var parsed = items.stream()
                .map(item -> {
                    var parts = item.split(":");
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("an item is SKU:QTY, got " + item);
                    }
                    return new OrderTaking.Item(parts[0], Integer.parseInt(parts[1]));
                })
                .toList();
        var order = new OrderTaking(store, Clock.systemUTC())
                .take(options.get("table"), options.getOrDefault("pay", "PAID_AT_COUNTER"), parsed);
        out.println("confirmed " + order.clientOrderId() + " total " + OrderTaking.totalCents(order.payload())
                + " (pending sync)");
        return 0;
    }

    private static int sync(LocalStore store, Map<String, String> options, Map<String, String> env, PrintStream out) {
        var api = options.getOrDefault("api", env.get("COMANDA_POS_API"));
        var token = options.getOrDefault("token", env.get("COMANDA_POS_TOKEN"));
        if (api == null || token == null) {
            throw new IllegalArgumentException("sync needs --api and --token (or COMANDA_POS_API, COMANDA_POS_TOKEN)");
        }
        var syncer = new Syncer(
                store, new SyncApi(api, token, Duration.ofSeconds(10)), Syncer.Options.DEFAULT, Syncer.Checkpoint.NONE);
        var report = syncer.sync();
        out.println("created " + report.created() + ", duplicates " + report.duplicates() + ", conflicts "
                + report.conflicts() + ", invalid " + report.invalid() + ", pulled " + report.pulledEvents()
                + " events in " + report.pages() + " pages");
        Syncer.describe(store.unacknowledgedProblems()).forEach(out::println);
        if (report.error() != null) {
            out.println((report.online() ? "refused: " : "offline, orders stay pending: ") + report.error());
            return report.online() ? 1 : 3;
        }
        return 0;
    }
}
