import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JVM's CPU went, from a JFR recording's execution samples (bench/jfr-top runs it; see
 * docs/benchmarks-log.md, "Where the cost goes"). Four tables, each in percent of the samples in the window:
 *
 * <ol>
 *   <li>by phase: every sample in exactly one row, the first rule that matches its stack (an activity
 *       implementation's method, then the SDK's payload conversion, metrics, logging, workflow-task
 *       replay/execution, pollers, gRPC/Netty, JDBC, Spring, else the thread's kind);
 *   <li>by library, self: the innermost frame's library, JDK frames charged to their nearest non-JDK caller;
 *   <li>by library, inclusive: samples with that library anywhere in the stack (rows overlap);
 *   <li>by the innermost Comanda method on the stack (a repository call, the placement's steps).
 * </ol>
 *
 * <p>Usage: {@code java bench/JfrTop.java FILE.jfr [--since HH:MM:SS] [--until HH:MM:SS] [--top N] [--drill PHASE]}, times in
 * UTC on the recording's day, e.g. the measured phase read off the generator's progress lines.
 */
public class JfrTop {

    record Rule(String label, Predicate<List<String>> matches) {}

    /** Library of a frame's class, by package prefix; first match wins. */
    private static final String[][] LIBRARIES = {
        {"com.mysql.", "MySQL driver (Connector/J)"},
        {"com.zaxxer.hikari.", "Hikari pool"},
        {"tools.jackson.", "Jackson"},
        {"com.fasterxml.jackson.", "Jackson"},
        {"com.google.protobuf.", "protobuf"},
        {"io.grpc.netty.shaded.io.netty.", "Netty"},
        {"io.netty.", "Netty"},
        {"io.grpc.", "gRPC"},
        {"io.micrometer.", "Micrometer"},
        {"io.temporal.common.reporter.", "Micrometer"},
        {"com.uber.m3.", "Micrometer"},
        {"io.temporal.", "Temporal SDK"},
        {"ch.qos.logback.", "logging"},
        {"org.slf4j.", "logging"},
        {"org.apache.logging.", "logging"},
        {"org.redisson.", "Redisson"},
        {"org.springframework.", "Spring"},
        {"org.apache.catalina.", "Tomcat"},
        {"org.apache.coyote.", "Tomcat"},
        {"org.apache.tomcat.", "Tomcat"},
        {"org.hibernate.validator.", "Bean Validation"},
        {"org.HdrHistogram.", "HdrHistogram"},
        {"dev.comanda.", "Comanda"},
    };

    private static final List<Rule> PHASES = List.of(
            // Computed per sample below: "activity Class.method" for the outermost *ActivitiesImpl frame.
            new Rule("SDK payload conversion (Jackson)", any("io.temporal.common.converter.")),
            new Rule("SDK metrics (Micrometer)", any("io.micrometer.", "io.temporal.common.reporter.", "com.uber.m3.")),
            new Rule("logging", any("ch.qos.logback.", "org.slf4j.", "org.apache.logging.")),
            new Rule(
                    "SDK workflow task: replay/execution",
                    any(
                            "io.temporal.internal.replay.",
                            "io.temporal.internal.statemachines.",
                            "io.temporal.internal.sync.",
                            "io.temporal.internal.worker.WorkflowWorker",
                            "dev.comanda.order.OrderWorkflowImpl")),
            new Rule("SDK pollers", any("io.temporal.internal.worker.Poller", "io.temporal.internal.worker.MultiThreadedPoller")),
            new Rule("SDK activity/local-activity task handling", any("io.temporal.internal.activity.", "io.temporal.internal.worker.")),
            new Rule("gRPC/Netty transport", any("io.grpc.", "io.netty.")),
            new Rule("HTTP server (Tomcat)", any("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.")),
            new Rule("JDBC outside activities (Hikari, driver)", any("com.zaxxer.hikari.", "com.mysql.")),
            new Rule("Redis (Redisson)", any("org.redisson.")),
            new Rule("Spring, other", any("org.springframework.")));

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java bench/JfrTop.java FILE.jfr [--since HH:MM:SS] [--until HH:MM:SS] [--top N] [--drill PHASE]");
            System.exit(64);
        }
        var file = Path.of(args[0]);
        String since = null, until = null, drill = null;
        int top = 15;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--since" -> since = args[i + 1];
                case "--until" -> until = args[i + 1];
                case "--top" -> top = Integer.parseInt(args[i + 1]);
                case "--drill" -> drill = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        var events = new ArrayList<RecordedEvent>();
        for (var event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                events.add(event);
            }
        }
        if (events.isEmpty()) {
            System.err.println("no jdk.ExecutionSample events in " + file);
            System.exit(1);
        }
        var day = LocalDate.ofInstant(events.getFirst().getStartTime(), ZoneOffset.UTC);
        Instant from = since == null ? Instant.MIN : day.atTime(LocalTime.parse(since)).toInstant(ZoneOffset.UTC);
        Instant to = until == null ? Instant.MAX : day.atTime(LocalTime.parse(until)).toInstant(ZoneOffset.UTC);

        var phases = new HashMap<String, Integer>();
        var self = new HashMap<String, Integer>();
        var inclusive = new HashMap<String, Integer>();
        var comanda = new HashMap<String, Integer>();
        var drilled = new HashMap<String, Integer>();
        var activityLeaves = new HashMap<String, Map<String, Integer>>();
        int total = 0;
        Instant first = null, last = null;
        for (var event : events) {
            var at = event.getStartTime();
            if (at.isBefore(from) || at.isAfter(to)) {
                continue;
            }
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
            total++;
            var classes = new ArrayList<String>();
            var methods = new ArrayList<String>();
            for (RecordedFrame frame : event.getStackTrace().getFrames()) { // innermost first
                var type = frame.getMethod().getType().getName();
                classes.add(type);
                methods.add(type + "." + frame.getMethod().getName());
            }
            var phase = phaseOf(classes, methods, threadKind(event));
            phases.merge(phase, 1, Integer::sum);
            if (drill != null && phase.startsWith(drill)) {
                drilled.merge(innermostLibraryMethod(classes, methods), 1, Integer::sum);
            }
            comanda.merge(innermostComanda(classes, methods), 1, Integer::sum);
            var leaf = selfLibrary(classes);
            self.merge(leaf, 1, Integer::sum);
            var seen = new LinkedHashSet<String>();
            for (var type : classes) {
                var library = library(type);
                if (library != null) {
                    seen.add(library);
                }
            }
            seen.forEach(l -> inclusive.merge(l, 1, Integer::sum));
            if (phase.startsWith("activity ")) {
                activityLeaves.computeIfAbsent(phase, k -> new HashMap<>()).merge(leaf, 1, Integer::sum);
            }
        }
        System.out.printf(
                "%s: %d execution samples from %s to %s (UTC)%n%n",
                file.getFileName(), total, time(first), time(last));
        print("by phase (each sample once)", phases, total, top);
        print("by library, self (JDK frames charged to their caller's library)", self, total, top);
        print("by library, inclusive (anywhere in the stack; rows overlap)", inclusive, total, top);
        print("by the innermost Comanda method (its callees' cost included)", comanda, total, top);
        if (drill != null) {
            print("phase '" + drill + "*', by innermost non-JDK method", drilled, total, top);
        }
        if (!activityLeaves.isEmpty()) {
            System.out.println("activities, self by library (percent of all samples)");
            final int all = total;
            activityLeaves.entrySet().stream()
                    .sorted((a, b) -> sum(b.getValue()) - sum(a.getValue()))
                    .forEach(e -> System.out.printf("  %-62s %s%n", e.getKey(), breakdown(e.getValue(), all)));
        }
    }

    private static String phaseOf(List<String> classes, List<String> methods, String threadKind) {
        // The outermost activity frame names the activity: its callees (repositories, the driver) are its cost.
        for (int i = classes.size() - 1; i >= 0; i--) {
            var type = classes.get(i);
            if (type.startsWith("dev.comanda.") && type.endsWith("ActivitiesImpl")) {
                var simple = methods.get(i).substring(type.lastIndexOf('.') + 1);
                return "activity " + simple;
            }
        }
        for (var rule : PHASES) {
            if (rule.matches().test(classes)) {
                return rule.label();
            }
        }
        return "other: " + threadKind;
    }

    private static String innermostLibraryMethod(List<String> classes, List<String> methods) {
        for (int i = 0; i < classes.size(); i++) {
            if (library(classes.get(i)) != null) {
                return methods.get(i);
            }
        }
        return methods.isEmpty() ? "?" : methods.getFirst();
    }

    private static String innermostComanda(List<String> classes, List<String> methods) {
        for (int i = 0; i < classes.size(); i++) {
            // Proxies and lambdas ($$SpringCGLIB$$, $$Lambda) name nothing: the method behind them does.
            if (classes.get(i).startsWith("dev.comanda.") && !classes.get(i).contains("$$")) {
                var method = methods.get(i);
                return method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
            }
        }
        return "(no Comanda frame)";
    }

    /** The innermost frame's library; JDK and unknown frames are charged to the nearest known caller. */
    private static String selfLibrary(List<String> classes) {
        for (var type : classes) {
            var library = library(type);
            if (library != null) {
                return library;
            }
        }
        return "JDK only (" + (classes.isEmpty() ? "?" : jdkPackage(classes.getFirst())) + ")";
    }

    private static String library(String type) {
        for (var entry : LIBRARIES) {
            if (type.startsWith(entry[0])) {
                return entry[1];
            }
        }
        return null;
    }

    private static String jdkPackage(String type) {
        var parts = type.split("\\.");
        return parts.length > 2 ? parts[0] + "." + parts[1] : type;
    }

    /** Thread names without their numbers: "grpc-default-executor-12" becomes "grpc-default-executor". */
    private static String threadKind(RecordedEvent event) {
        var thread = event.getThread("sampledThread");
        var name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
        return name.replaceAll("[-: ]?\\d+$", "").replaceAll("\\d+", "N");
    }

    private static Predicate<List<String>> any(String... prefixes) {
        return classes -> {
            for (var type : classes) {
                for (var prefix : prefixes) {
                    if (type.startsWith(prefix)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println(title);
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(top)
                .forEach(e -> System.out.printf("  %5.1f %%  %6d  %s%n", 100.0 * e.getValue() / total, e.getValue(), e.getKey()));
        System.out.println();
    }

    private static String breakdown(Map<String, Integer> leaves, int total) {
        var parts = new ArrayList<String>();
        leaves.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(4)
                .forEach(e -> parts.add(String.format("%s %.1f%%", e.getKey(), 100.0 * e.getValue() / total)));
        return String.format("%5.1f %% = ", 100.0 * sum(leaves) / total) + String.join(", ", parts);
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String time(Instant at) {
        return at == null ? "-" : LocalTime.ofInstant(at, ZoneOffset.UTC).withNano(0).toString();
    }
}
