package dev.comanda.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time (user + system, all threads) of local processes, read from {@code /proc/<pid>/stat}. The
 * local stack can run the Temporal service, the workers and the API as separate processes, so each
 * one's CPU per order is visible on its own.
 *
 * <p>A JVM's upkeep is sampled beside it, from its threads' own {@code /proc/<pid>/task/<tid>/stat}: the
 * JIT compiler threads ({@link #JIT}) and the garbage collector's ({@link #GC}). A JVM a minute or two old
 * still compiles: in a short fixed-rate step a third of the workers' and the API's CPU was the JIT's,
 * a warm-up cost a long-running process does not pay per order. The report gives both, so a figure is
 * not read as the cost of an order when it is the cost of a young JVM.
 */
final class ProcessCpu {

    /** Linux's USER_HZ: the unit of utime/stime in /proc on every mainstream architecture. */
    private static final long TICKS_PER_SECOND = 100;

    /** The key of a process's JIT compiler threads' CPU in a sample: {@code "<name>" + JIT}. */
    static final String JIT = ":jit";

    /** The key of a process's garbage-collector threads' CPU in a sample: {@code "<name>" + GC}. */
    static final String GC = ":gc";

    private ProcessCpu() {}

    /** CPU nanoseconds used so far by each named process; processes that are gone are left out. */
    static Map<String, Long> sample(Map<String, Long> pids) {
        var cpu = new LinkedHashMap<String, Long>();
        pids.forEach((name, pid) -> {
            try {
                cpu.put(name, parse(Files.readString(Path.of("/proc", pid.toString(), "stat"))));
            } catch (IOException e) {
                // Gone or not Linux: reported as missing rather than as zero.
                return;
            }
            var upkeep = upkeep(Path.of("/proc", pid.toString(), "task"));
            if (upkeep.jit() > 0) {
                cpu.put(name + JIT, upkeep.jit());
            }
            if (upkeep.gc() > 0) {
                cpu.put(name + GC, upkeep.gc());
            }
        });
        return cpu;
    }

    /** What kind of work a JVM thread does, by its name. */
    enum ThreadKind {
        JIT,
        GC,
        OTHER
    }

    /** CPU nanoseconds of a process's JIT compiler threads and of its garbage collector's. */
    record Upkeep(long jit, long gc) {}

    /**
     * CPU nanoseconds of a process's live JIT compiler threads and garbage-collector threads; zero for a
     * process that has none (the Temporal server, MariaDB). A thread that ended is not counted (HotSpot stops
     * idle compiler threads), so both are at least what was spent.
     */
    static Upkeep upkeep(Path tasks) {
        var jit = new long[1];
        var gc = new long[1];
        try (var threads = Files.list(tasks)) {
            threads.forEach(thread -> {
                try {
                    var stat = Files.readString(thread.resolve("stat"));
                    switch (kind(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
                        case JIT -> jit[0] += parse(stat);
                        case GC -> gc[0] += parse(stat);
                        case OTHER -> {}
                    }
                } catch (IOException | RuntimeException e) {
                    // The thread ended between the listing and the read: it is not counted.
                }
            });
        } catch (IOException e) {
            // Not Linux, or the process is gone: no upkeep figure.
        }
        return new Upkeep(jit[0], gc[0]);
    }

    /**
     * A thread's kind from its name as the kernel keeps it (15 characters: "C2 CompilerThre", "GC Thread#0",
     * "G1 Conc#0").
     */
    static ThreadKind kind(String threadName) {
        if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
            return ThreadKind.JIT;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return ThreadKind.GC;
        }
        return ThreadKind.OTHER;
    }

    /** CPU nanoseconds each process used between two samples; one missing from either is left out. */
    static Map<String, Long> used(Map<String, Long> before, Map<String, Long> after) {
        var used = new LinkedHashMap<String, Long>();
        before.forEach((name, start) -> {
            var end = after.get(name);
            if (end != null) {
                used.put(name, end - start);
            }
        });
        return used;
    }

    /**
     * The system's load average over 1, 5 and 15 minutes from {@code /proc/loadavg}; empty where there is
     * none. Printed before and after every step: on a shared machine it says what the figures are worth.
     */
    static java.util.List<Double> loadAverage() {
        try {
            var fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return java.util.List.of(
                    Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
        } catch (IOException | RuntimeException e) {
            return java.util.List.of();
        }
    }

    /** utime + stime in nanoseconds, from the text of /proc/pid/stat (fields 14 and 15). */
    static long parse(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        var ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }
}
