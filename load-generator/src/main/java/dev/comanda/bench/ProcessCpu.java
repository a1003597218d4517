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
 */
final class ProcessCpu {

    /** Linux's USER_HZ: the unit of utime/stime in /proc on every mainstream architecture. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {}

    /** CPU nanoseconds used so far by each named process; processes that are gone are left out. */
    static Map<String, Long> sample(Map<String, Long> pids) {
        var cpu = new LinkedHashMap<String, Long>();
        pids.forEach((name, pid) -> {
            try {
                cpu.put(name, parse(Files.readString(Path.of("/proc", pid.toString(), "stat"))));
            } catch (IOException e) {
                // Gone or not Linux: reported as missing rather than as zero.
            }
        });
        return cpu;
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
