package dev.comanda.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated bad requests: each a description, the request, and the field its refusal must name. Bodies
 * are derived from one valid order by replacing, removing or truncating parts, so each case is wrong in
 * exactly one way.
 */
final class BadInputCorpus {

    /** One bad request; {@code field} is what the problem's {@code errors[].field} must name. */
    record Case(String name, String method, String path, Map<String, String> headers, String body, String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final String VALID = """
            {"customer":{"name":"Ana","email":"ana@example.com","phone":"+55 11 5555-0100"},\
            "items":[{"sku":"PIZZA","quantity":1}],"fulfilment":{"type":"TAKEAWAY"},\
            "payment":{"method":"CARD","cardToken":"tok_visa"}}""";
    private static final String RAW = "@@raw@@";
    private static final String ORDERS = "/api/v1/orders";
    private static final int TRUNCATIONS = 60;

    private final List<Case> cases = new ArrayList<>();

    static List<Case> all(String inactiveSku, String foreignSku) {
        var corpus = new BadInputCorpus();
        corpus.malformed();
        corpus.wrongTypes();
        corpus.missing();
        corpus.quantities();
        corpus.products(inactiveSku, foreignSku);
        corpus.oversized();
        corpus.unicodeAndInjection();
        corpus.listParameters();
        return List.copyOf(corpus.cases);
    }

    private void malformed() {
        for (int i = 0; i < TRUNCATIONS; i++) {
            var cut = i * (VALID.length() - 1) / (TRUNCATIONS - 1);
            post("truncated at " + cut, VALID.substring(0, cut), "body");
        }
        var garbage = List.of(
                "{",
                "}",
                "[]",
                "null",
                "\"an order\"",
                "{'customer':{}}",
                "{\"customer\":}",
                VALID.replace("}}", "},}"),
                VALID + VALID,
                "{\"items\":NaN}",
                "/* order */" + VALID,
                "[".repeat(5_000) + "]".repeat(5_000));
        for (int i = 0; i < garbage.size(); i++) {
            post("malformed #" + i + " " + abbreviate(garbage.get(i)), garbage.get(i), "body");
        }
    }

    private void wrongTypes() {
        var wrong = Map.ofEntries(
                Map.entry("customer", List.of("\"Ana\"", "5", "[]")),
                Map.entry("customer.name", List.of("5", "true", "{}", "[\"Ana\"]")),
                Map.entry("customer.email", List.of("5", "[]", "false")),
                Map.entry("customer.phone", List.of("5551234", "{}")),
                Map.entry("items", List.of("{}", "\"PIZZA\"", "5")),
                Map.entry("items[0]", List.of("\"PIZZA\"", "5")),
                Map.entry("items[0].sku", List.of("5", "{}", "[]", "true")),
                // 1.0 is the integer 1 (JSON Schema's integer, which the OpenAPI document states); a fraction,
                // however small, is not.
                Map.entry("items[0].quantity", List.of("\"two\"", "\"1\"", "true", "{}", "[]", "1.5", "1e-40")),
                Map.entry("fulfilment", List.of("\"TAKEAWAY\"", "[]")),
                Map.entry("fulfilment.type", List.of("\"takeaway\"", "\"SPACESHIP\"", "5", "{}")),
                Map.entry("payment", List.of("\"CARD\"")),
                Map.entry("payment.method", List.of("\"BITCOIN\"", "5", "\"card\"")),
                Map.entry("payment.cardToken", List.of("5", "{}")),
                Map.entry("channel", List.of("\"FAX\"", "5")));
        wrong.forEach((path, values) -> values.forEach(value -> post(path + " = " + value, with(path, value), path)));
    }

    private void missing() {
        for (var path : List.of(
                "customer",
                "customer.name",
                "customer.email",
                "items",
                "items[0].sku",
                "items[0].quantity",
                "fulfilment",
                "fulfilment.type",
                "payment",
                "payment.method")) {
            post("without " + path, with(path, null), path);
            post(path + " = null", with(path, "null"), path);
        }
        post("items = []", with("items", "[]"), "items");
        post("items[0] = null", with("items[0]", "null"), "items[0]");
        post("blank name", with("customer.name", "\"   \""), "customer.name");
        post("card without token", with("payment.cardToken", null), "payment.cardToken");
        post("delivery without address", with("fulfilment.type", "\"DELIVERY\""), "fulfilment.address");
        post("dine-in without table", with("fulfilment.type", "\"DINE_IN\""), "fulfilment.table");
    }

    private void quantities() {
        for (var quantity : List.of(
                "0",
                "-1",
                "-100",
                "100",
                "1000000",
                "-2147483648",
                "2147483647",
                "2147483648",
                "99999999999999999999999",
                "1e3")) {
            post("quantity " + abbreviate(quantity), with("items[0].quantity", quantity), "items[0].quantity");
        }
        // Past the parser's number length limit: refused while reading the line, so the line is named.
        post("quantity of 2001 digits", with("items[0].quantity", "1" + "0".repeat(2_000)), "items[0]");
    }

    private void products(String inactiveSku, String foreignSku) {
        for (var sku : List.of("NO-SUCH-DISH", inactiveSku, foreignSku, "pizza", "PIZZA ", "", "P".repeat(65))) {
            post("sku '" + abbreviate(sku) + "'", with("items[0].sku", quote(sku)), "items[0].sku");
        }
        var twoLines = with("items", "[{\"sku\":\"PIZZA\",\"quantity\":1},{\"sku\":\"NO-SUCH-DISH\",\"quantity\":1}]");
        post("second line unknown", twoLines, "items[1].sku");
    }

    private void oversized() {
        post("2 MB name", with("customer.name", quote("A".repeat(2_000_000))), "customer.name");
        post("name of 121", with("customer.name", quote("A".repeat(121))), "customer.name");
        post("email of 255", with("customer.email", quote("a".repeat(243) + "@example.com")), "customer.email");
        post("phone of 41", with("customer.phone", quote("1".repeat(41))), "customer.phone");
        post("card token of 65", with("payment.cardToken", quote("t".repeat(65))), "payment.cardToken");
        post("table of 21", with("fulfilment.table", quote("T".repeat(21))), "fulfilment.table");
        var items = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            items.append(i == 0 ? "" : ",").append("{\"sku\":\"PIZZA\",\"quantity\":1}");
        }
        post("51 items", with("items", items + "]"), "items");
        var street = "{\"type\":\"DELIVERY\",\"address\":{\"street\":\"" + "R".repeat(161)
                + "\",\"city\":\"São Paulo\",\"postalCode\":\"01000\"}}";
        post("street of 161", with("fulfilment", street), "fulfilment.address.street");
        postWithKey("Idempotency-Key of 256", "k".repeat(256));
        postWithKey("Idempotency-Key with spaces", "order 1");
        postWithKey("Idempotency-Key empty", "");
        postWithKey("Idempotency-Key injection", "key';DROP TABLE orders;--");
    }

    private void unicodeAndInjection() {
        for (var sku : List.of(
                "PİZZA",
                "ＰＩＺＺＡ",
                "PIZZA\\u200B",
                "PIZ\\u0000ZA",
                "\uD83C\uDF55",
                "' OR '1'='1",
                "PIZZA'; DROP TABLE orders; --",
                "../../etc/passwd",
                "<script>alert(1)</script>",
                "${jndi:ldap://example.com/a}")) {
            post("sku " + sku, with("items[0].sku", quote(sku)), "items[0].sku");
        }
        post("name with NUL", with("customer.name", "\"Ana\\u0000\""), "customer.name");
        post("name with a bell", with("customer.name", "\"Ana\\u0007\""), "customer.name");
        post("name with a lone surrogate", with("customer.name", "\"Ana\\uD83D\""), "customer.name");
        post("email with NUL", with("customer.email", "\"ana\\u0000@example.com\""), "customer.email");
        post("email injection", with("customer.email", quote("ana@example.com' OR 1=1 --")), "customer.email");
        post("phone in Arabic digits", with("customer.phone", quote("٠١٢٣٤٥")), "customer.phone");
        post("phone injection", with("customer.phone", quote("1; DROP TABLE orders")), "customer.phone");
        post("channel injection", with("channel", quote("WEB'--")), "channel");
    }

    private void listParameters() {
        var bad = Map.ofEntries(
                Map.entry("page", List.of("0", "-1", "abc", "100001", "1.5", "99999999999", "1;DROP")),
                Map.entry("per_page", List.of("0", "-5", "101", "abc", "1e2")),
                Map.entry("sort", List.of("price", "-", "--created_at", "created_at;DROP", "' OR 1=1")),
                Map.entry("status", List.of("UNKNOWN", "CONFIRMED'--")),
                Map.entry("created_from", List.of("yesterday", "2024-13-45T00:00:00Z")),
                Map.entry("include", List.of("secrets", "items,passwords")));
        bad.forEach((parameter, values) -> values.forEach(value -> cases.add(new Case(
                "GET ?" + parameter + "=" + value,
                "GET",
                ORDERS + "?" + parameter + "="
                        + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8),
                Map.of(),
                null,
                parameter))));
        cases.add(new Case(
                "GET created_from after created_to",
                "GET",
                ORDERS + "?created_from=2025-02-01T00:00:00Z&created_to=2025-01-01T00:00:00Z",
                Map.of(),
                null,
                "created_from"));
    }

    private void post(String name, String body, String field) {
        cases.add(new Case(name, "POST", ORDERS, Map.of(), body, field));
    }

    private void postWithKey(String name, String key) {
        cases.add(new Case(name, "POST", ORDERS, Map.of("Idempotency-Key", key), VALID, "Idempotency-Key"));
    }

    /** The valid body with {@code path} set to the raw JSON {@code value}, or removed when it is null. */
    static String with(String path, String value) {
        var root = (ObjectNode) E2eStack.JSON.readTree(VALID);
        var parts = path.replace("[", ".[").split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parts[i].startsWith("[") ? parent.get(index(parts[i])) : parent.get(parts[i]);
        }
        var last = parts[parts.length - 1];
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(index(last), RAW);
        } else if (value == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).put(last, RAW);
        }
        return E2eStack.JSON.writeValueAsString(root).replace("\"" + RAW + "\"", value == null ? "null" : value);
    }

    private static int index(String part) {
        return Integer.parseInt(part.substring(1, part.length() - 1));
    }

    /** A JSON string literal; backslash escapes already in {@code text} are kept as escapes. */
    private static String quote(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
