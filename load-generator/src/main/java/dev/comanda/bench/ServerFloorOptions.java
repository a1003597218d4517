package dev.comanda.bench;

import io.temporal.serviceclient.GrpcCompression;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What one server-floor run does. Every option is {@code --name value}; {@link #usage()} lists them.
 *
 * @param temporal the Temporal frontend, {@code host:port}
 * @param namespace the namespace its workflows run in
 * @param serverPid the server's process, whose CPU per item is the floor's figure; empty: not measured
 * @param duration the measured part of each shape
 * @param warmup the part of each shape before it, not counted
 * @param concurrency client threads per shape, each starting the next item once its last one is done
 * @param out where server-floor.json and server-floor.md go
 * @param grpcCompression the client's gRPC compression: NONE as the apps run (TemporalTransport), or the
 *     SDK's default GZIP, to see what it costs the server
 */
record ServerFloorOptions(
        String temporal,
        String namespace,
        OptionalLong serverPid,
        Duration duration,
        Duration warmup,
        int concurrency,
        Path out,
        GrpcCompression grpcCompression) {

    private static final Set<String> KNOWN = Set.of(
            "temporal", "namespace", "server-pid", "duration", "warmup", "concurrency", "out", "grpc-compression");

    /** IllegalArgumentException, with the usage, for anything it cannot take. */
    static ServerFloorOptions parse(String... args) {
        var values = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            var name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value at '" + name + "'\n" + usage());
            }
            if (!KNOWN.contains(name.substring(2))) {
                throw new IllegalArgumentException("unknown option " + name + "\n" + usage());
            }
            values.put(name.substring(2), args[++i]);
        }
        var duration = BenchOptions.duration(values.getOrDefault("duration", "20s"));
        var warmup = BenchOptions.duration(values.getOrDefault("warmup", "5s"));
        var concurrency = Integer.parseInt(values.getOrDefault("concurrency", "32"));
        if (duration.isZero() || duration.isNegative() || warmup.isNegative() || concurrency < 1) {
            throw new IllegalArgumentException(
                    "--duration must be positive, --warmup not negative, --concurrency at least 1\n" + usage());
        }
        var pid = values.get("server-pid");
        return new ServerFloorOptions(
                values.getOrDefault("temporal", "127.0.0.1:7233"),
                values.getOrDefault("namespace", "default"),
                pid == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid)),
                duration,
                warmup,
                concurrency,
                Path.of(values.getOrDefault("out", "bench/results/server-floor")),
                compression(values.getOrDefault("grpc-compression", "NONE")));
    }

    private static GrpcCompression compression(String name) {
        try {
            return GrpcCompression.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--grpc-compression must be NONE or GZIP\n" + usage(), e);
        }
    }

    static String usage() {
        return """
                usage: java -cp load-generator-exec.jar -Dloader.main=dev.comanda.bench.ServerFloor \\
                         org.springframework.boot.loader.launch.PropertiesLauncher [options]
                  --temporal HOST:PORT   the Temporal frontend [127.0.0.1:7233]
                  --namespace NAME       [default]
                  --server-pid N         the Temporal server's process: its CPU per item (absent: not measured)
                  --duration 20s         measured part of each shape
                  --warmup 5s            before it, not counted
                  --concurrency 32       client threads per shape (closed loop)
                  --out DIR              where server-floor.json and server-floor.md go [bench/results/server-floor]
                  --grpc-compression X   NONE (as the apps run) or GZIP (the SDK's default) [NONE]
                """;
    }
}
