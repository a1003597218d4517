package dev.comanda.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a checker counted and every broken invariant it found; printed at the end of a run. */
public final class Report {

    private final Map<String, Long> figures = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();

    void figure(String name, long value) {
        figures.put(name, value);
    }

    void add(String name, long value) {
        figures.merge(name, value, Long::sum);
    }

    void violation(String what) {
        violations.add(what);
    }

    public Map<String, Long> figures() {
        return Map.copyOf(figures);
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public boolean clean() {
        return violations.isEmpty();
    }

    public String render() {
        var text = new StringBuilder("==== invariant check ====\n");
        figures.forEach((name, value) -> text.append(String.format("%-48s %d%n", name, value)));
        text.append(String.format("%-48s %d%n", "VIOLATIONS", violations.size()));
        violations.stream().limit(50).forEach(v -> text.append("  ! ").append(v).append('\n'));
        if (violations.size() > 50) {
            text.append("  ... and ").append(violations.size() - 50).append(" more\n");
        }
        return text.toString();
    }
}
