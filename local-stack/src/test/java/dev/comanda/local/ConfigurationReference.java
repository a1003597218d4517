package dev.comanda.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes docs/configuration.md from what the apps really read: Spring's configuration metadata
 * ({@code META-INF/spring-configuration-metadata.json}, made by {@code spring-boot-configuration-processor}
 * from the {@code @ConfigurationProperties} records: their defaults and their Javadoc) and the two apps'
 * yml files (the variables they name, the defaults of Spring's own settings, the comments above them).
 * The part after {@link #HAND_WRITTEN} — the variables of the local run, the tests and the tools, which no
 * Spring app binds — is kept as it stands. {@code ConfigurationReferenceTests} fails when the page is stale.
 */
final class ConfigurationReference {

    static final String HAND_WRITTEN = "<!-- Hand-written from here on: the generator keeps it as it stands. -->";
    static final List<String> APP_FILES = List.of("api-facade.yml", "workers.yml");

    /** The settings of the README: what a deployer sets. */
    private static final Set<String> DEPLOYMENT = Set.of(
            "COMANDA_DB_URL",
            "COMANDA_DB_USER",
            "COMANDA_DB_PASSWORD",
            "COMANDA_REDIS_URL",
            "COMANDA_TEMPORAL_ADDRESS",
            "COMANDA_TEMPORAL_NAMESPACE",
            "COMANDA_TEMPORAL_UI_URL",
            "COMANDA_API_PORT",
            "COMANDA_WORKER_PORT",
            "COMANDA_MANAGEMENT_PORT",
            "COMANDA_OPERATOR_KEY",
            "COMANDA_PAYMENTS_BASE_URL",
            "COMANDA_PAYMENTS_SECRET_KEY",
            "COMANDA_PAYMENTS_WEBHOOK_SECRET",
            "COMANDA_WORKER_QUEUES",
            "COMANDA_WORKER_DEPLOYMENT",
            "COMANDA_WORKER_BUILD_ID",
            "COMANDA_LOG_FORMAT",
            "COMANDA_INSTANCE",
            "COMANDA_API_CORS_ALLOWED_ORIGINS",
            "COMANDA_NOTIFICATIONS_EMAIL_MODE",
            "COMANDA_NOTIFICATIONS_EMAIL_FROM");

    /** Rules of the business a restaurant chain may want otherwise; everything else is a tuning knob. */
    private static final Set<String> BEHAVIOUR = Set.of(
            "COMANDA_RESERVATION_TTL",
            "COMANDA_ACCEPT_DEADLINE",
            "COMANDA_PLACEMENT_WAIT",
            "COMANDA_RATE_LIMIT_REQUESTS",
            "COMANDA_RATE_LIMIT_PERIOD",
            "COMANDA_API_MIGRATE",
            "COMANDA_API_ADMISSION_ENABLED",
            "COMANDA_EVENTS_ALLOWED_ORIGINS",
            "COMANDA_IDENTITY_ISSUER",
            "COMANDA_IDENTITY_AUDIENCE",
            "COMANDA_IDENTITY_ACCESS_TOKEN_TTL",
            "COMANDA_IDENTITY_REFRESH_TOKEN_TTL",
            "COMANDA_IDENTITY_TRACKING_TOKEN_TTL",
            "COMANDA_IDENTITY_MAX_FAILURES_PER_ACCOUNT",
            "COMANDA_IDENTITY_MAX_FAILURES_PER_SOURCE",
            "COMANDA_IDENTITY_FAILURE_WINDOW",
            "COMANDA_SYNC_MAX_BATCH",
            "COMANDA_SYNC_OFFLINE_PRICE_MAX_AGE",
            "COMANDA_SYNC_ACCEPT_DEADLINE",
            "COMANDA_RECONCILIATION_SCHEDULE",
            "COMANDA_RECONCILIATION_INTERVAL",
            "COMANDA_RECONCILIATION_GRACE",
            "COMANDA_STUCK_NOT_ACCEPTED",
            "COMANDA_STUCK_PREPARING",
            "COMANDA_STUCK_PIX_PENDING");

    /** Where an app's yml gives a record's setting a default of that app's own, on purpose. */
    static final Set<String> APP_DEFAULTS = Set.of("api-facade.yml comanda.sdk-metrics.dropped-timers");

    private static final Pattern PLACEHOLDER = Pattern.compile("^\"?\\$\\{(COMANDA_[A-Z0-9_]+):(.*)}\"?$");
    private static final Pattern YML_KEY = Pattern.compile("^(\\s*)([A-Za-z0-9_.-]+):\\s*(.*)$");

    /** One property of the metadata. */
    record Property(String name, String type, String description, String defaultValue, String module) {}

    /** One {@code key: ${COMANDA_X:default}} of an app's yml, with the comment above it. */
    record Alias(String file, String key, String env, String defaultValue, String comment) {}

    /** One row: a variable, the properties it sets, in which apps, its default and meaning. */
    record Setting(String env, List<String> properties, String apps, String defaultValue, String meaning) {}

    private final Map<String, Property> properties;
    private final List<Alias> aliases;

    ConfigurationReference(Map<String, Property> properties, List<Alias> aliases) {
        this.properties = properties;
        this.aliases = aliases;
    }

    /** The metadata and yml files on this class path. */
    static ConfigurationReference fromClassPath() {
        var loader = ConfigurationReference.class.getClassLoader();
        var properties = new TreeMap<String, Property>();
        try {
            for (var url : Collections.list(loader.getResources("META-INF/spring-configuration-metadata.json"))) {
                read(url, properties);
            }
            var aliases = new ArrayList<Alias>();
            for (var file : APP_FILES) {
                try (InputStream in = loader.getResourceAsStream(file)) {
                    if (in == null) {
                        throw new IllegalStateException(file + " is not on the class path");
                    }
                    aliases.addAll(aliases(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            return new ConfigurationReference(properties, aliases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void read(URL url, Map<String, Property> into) throws IOException {
        var module = module(url.toString());
        JsonNode root;
        try (var in = url.openStream()) {
            root = JsonMapper.shared().readTree(in);
        }
        for (var node : root.path("properties")) {
            var name = node.path("name").asString();
            if (node.has("deprecation")) {
                continue;
            }
            var property = new Property(
                    name,
                    node.path("type").asString(""),
                    oneLine(node.path("description").asString("")),
                    node.has("defaultValue") ? value(node.get("defaultValue")) : null,
                    module);
            into.merge(
                    name,
                    property,
                    (a, b) -> new Property(
                            name,
                            a.type(),
                            a.description().isEmpty() ? b.description() : a.description(),
                            a.defaultValue() != null ? a.defaultValue() : b.defaultValue(),
                            a.module().equals(b.module()) ? a.module() : a.module() + "," + b.module()));
        }
    }

    /** The project module (or third-party jar) a metadata file comes from. */
    private static String module(String url) {
        for (var module : List.of("api-facade", "workers", "activities", "persistence", "observability")) {
            if (url.contains("/" + module + "/target/") || url.contains("/" + module + "-0.")) {
                return module;
            }
        }
        return "spring";
    }

    /** A default as a variable would spell it: a list comma separated, without the processor's brackets. */
    private static String value(JsonNode node) {
        if (node.isArray()) {
            var values = new ArrayList<String>();
            node.forEach(v -> values.add(v.asString()));
            return String.join(",", values);
        }
        var text = node.asString();
        if (text.startsWith("[") && text.endsWith("]")) {
            return text.substring(1, text.length() - 1).replace(", ", ",");
        }
        return text;
    }

    /** The {@code ${COMANDA_…}} placeholders of a yml file, keyed by their full property name. */
    static List<Alias> aliases(String file, String yml) {
        var result = new ArrayList<Alias>();
        var path = new ArrayList<Map.Entry<Integer, String>>();
        var comment = new ArrayList<String>();
        for (var line : yml.split("\n")) {
            var trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                comment.add(trimmed.substring(1).strip());
                continue;
            }
            Matcher m = YML_KEY.matcher(line);
            if (!m.matches()) {
                comment.clear();
                continue;
            }
            var indent = m.group(1).length();
            while (!path.isEmpty() && path.getLast().getKey() >= indent) {
                path.removeLast();
            }
            path.add(Map.entry(indent, m.group(2)));
            var key = path.stream().map(Map.Entry::getValue).collect(Collectors.joining("."));
            var placeholder = PLACEHOLDER.matcher(m.group(3).strip());
            if (placeholder.matches()) {
                result.add(new Alias(file, key, placeholder.group(1), placeholder.group(2), String.join(" ", comment)));
            }
            comment.clear();
        }
        return result;
    }

    /** The variable Spring reads a property from when no yml names one: dots and dashes as underscores. */
    static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every setting: the yml's variables first, then every {@code comanda.*} property none of them covers. */
    List<Setting> settings() {
        var byEnv = new TreeMap<String, List<Alias>>();
        aliases.forEach(
                a -> byEnv.computeIfAbsent(a.env(), e -> new ArrayList<>()).add(a));
        var covered = new TreeSet<String>();
        var rows = new TreeMap<String, Setting>();
        byEnv.forEach((env, uses) -> {
            var keys = uses.stream().map(Alias::key).distinct().toList();
            covered.addAll(keys);
            var apps = uses.stream().map(a -> app(a.file())).distinct().sorted().collect(Collectors.joining(", "));
            var defaults = new LinkedHashMap<String, String>();
            for (var use : uses) {
                defaults.putIfAbsent(app(use.file()), defaultOf(use));
            }
            var distinct = defaults.values().stream().distinct().toList();
            var defaultValue = distinct.size() == 1
                    ? distinct.getFirst()
                    : defaults.entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining("; "));
            var meaning = uses.stream()
                    .map(a -> meaning(a.key(), a.comment()))
                    .filter(s -> !s.isEmpty())
                    .findFirst()
                    .orElse("");
            rows.put(env, new Setting(env, keys, apps, defaultValue, meaning));
        });
        properties.values().stream()
                .filter(p -> p.name().startsWith("comanda."))
                .filter(p -> !covered.contains(p.name()))
                .forEach(p -> {
                    // A map (comanda.worker.concurrency) is set per key: COMANDA_WORKER_CONCURRENCY_ORDERS_POLLERS.
                    var map = p.type().startsWith("java.util.Map");
                    var env = variable(p.name()) + (map ? "_<KEY>_…" : "");
                    var name = p.name() + (map ? ".<key>.…" : "");
                    rows.put(
                            env,
                            new Setting(env, List.of(name), apps(p.module()), show(p.defaultValue()), p.description()));
                });
        return List.copyOf(rows.values());
    }

    /** Where a yml placeholder's default and its record's default differ (the record's is the one that counts). */
    List<String> disagreements() {
        var result = new ArrayList<String>();
        for (var alias : aliases) {
            var property = properties.get(alias.key());
            if (property == null
                    || !alias.key().startsWith("comanda.")
                    || property.defaultValue() == null
                    || APP_DEFAULTS.contains(alias.file() + " " + alias.key())) {
                continue;
            }
            if (!property.defaultValue().equals(alias.defaultValue())) {
                result.add(alias.file() + " " + alias.key() + ": ${" + alias.env() + ":" + alias.defaultValue()
                        + "} but the record says " + property.defaultValue());
            }
        }
        return result;
    }

    private String defaultOf(Alias alias) {
        var property = properties.get(alias.key());
        if (property != null
                && alias.key().startsWith("comanda.")
                && property.defaultValue() != null
                && !APP_DEFAULTS.contains(alias.file() + " " + alias.key())) {
            return show(property.defaultValue());
        }
        return show(alias.defaultValue());
    }

    private String meaning(String key, String comment) {
        var property = properties.get(key);
        var described = property == null ? "" : property.description();
        if (key.startsWith("comanda.") && !described.isEmpty()) {
            return described;
        }
        return comment.isEmpty() ? described : comment;
    }

    private static String app(String file) {
        return file.equals("api-facade.yml") ? "API" : "workers";
    }

    private static String apps(String modules) {
        var apps = new TreeSet<String>();
        for (var module : modules.split(",")) {
            switch (module) {
                case "api-facade" -> apps.add("API");
                case "workers", "activities" -> apps.add("workers");
                default -> {
                    apps.add("API");
                    apps.add("workers");
                }
            }
        }
        return String.join(", ", apps);
    }

    private static String show(String value) {
        if (value == null) {
            return "unset";
        }
        return value.isEmpty() ? "empty" : "`" + value + "`";
    }

    /** Javadoc as Markdown: one line, {@code x} and {@link x} as code. */
    private static String oneLine(String text) {
        return text.replaceAll("\\{@(?:code|link|linkplain) ([^}]*)}", "`$1`")
                .replaceAll("\\s+", " ")
                .strip();
    }

    /** The page: generated tables, then the hand-written part of {@code current} (or a stub). */
    String render(String current) {
        var out = new StringBuilder();
        out.append("""
                # Configuration reference

                <!-- Generated by ConfigurationReference (local-stack tests) from Spring's configuration metadata and
                     the apps' yml files; edit the records' Javadoc or the yml, then run
                     ./mvnw -pl local-stack -am verify -Dtest=ConfigurationReferenceTests -Dsurefire.failIfNoSpecifiedTests=false -Dcomanda.write-docs=true -->

                Every setting of the API (`api-facade`) and the workers is an environment variable. A `comanda.*`
                setting comes from a `@ConfigurationProperties` record, whose `@DefaultValue` is its one default
                and whose Javadoc is the meaning below; Spring reads it from the variable spelled like the
                property with dots and dashes as underscores (`comanda.api.max-per-page`: `COMANDA_API_MAX_PER_PAGE`),
                or, where an app's yml gives it a shorter name (`COMANDA_RESERVATION_TTL`), from that one (a
                test keeps such a yml default equal to the record's). Spring's own settings (ports, the
                database pool) have their defaults in the yml. A value may also be given as a system property
                (`-Dcomanda.api.max-per-page=50`).

                Three kinds: **deployment** settings are what a deployer sets (the README lists them);
                **behaviour** settings change what the product does for a restaurant; **advanced** settings are
                tuning knobs whose defaults were measured (docs/benchmarks.md, docs/reliability.md) — leave
                them unless a dashboard tells you otherwise.

                """);
        var settings = settings();
        section(
                out,
                "Deployment",
                settings.stream().filter(s -> DEPLOYMENT.contains(s.env())).toList());
        section(
                out,
                "Behaviour",
                settings.stream().filter(s -> BEHAVIOUR.contains(s.env())).toList());
        section(
                out,
                "Advanced (tuning knobs)",
                settings.stream()
                        .filter(s -> !DEPLOYMENT.contains(s.env()) && !BEHAVIOUR.contains(s.env()))
                        .toList());
        out.append(HAND_WRITTEN);
        var at = current == null ? -1 : current.indexOf(HAND_WRITTEN);
        out.append(at >= 0 ? current.substring(at + HAND_WRITTEN.length()) : "\n\n## Outside the apps\n");
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<Setting> settings) {
        out.append("## ").append(title).append("\n\n");
        out.append("| variable | property | app | default | meaning |\n");
        out.append("|---|---|---|---|---|\n");
        for (var s : settings) {
            out.append("| `")
                    .append(s.env())
                    .append("` | ")
                    .append(s.properties().stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(s.apps())
                    .append(" | ")
                    .append(cell(s.defaultValue()))
                    .append(" | ")
                    .append(cell(s.meaning()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
