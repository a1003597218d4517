package dev.comanda.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code GET /orders} lists; every part is optional ({@link #all()}).
 *
 * @param sort {@code created_at} or {@code -created_at} (newest first, the default)
 * @param include {@code items}, {@code timeline}: the parts a listed order carries besides its summary
 */
public record OrderQuery(
        Integer page,
        Integer perPage,
        List<OrderStatus> statuses,
        Instant createdFrom,
        Instant createdTo,
        String sort,
        List<String> include) {

    public static OrderQuery all() {
        return new OrderQuery(null, null, List.of(), null, null, null, List.of());
    }

    public OrderQuery withStatuses(OrderStatus... statuses) {
        return new OrderQuery(page, perPage, List.of(statuses), createdFrom, createdTo, sort, include);
    }

    public OrderQuery withPage(int page, int perPage) {
        return new OrderQuery(page, perPage, statuses, createdFrom, createdTo, sort, include);
    }

    public OrderQuery including(String... parts) {
        return new OrderQuery(page, perPage, statuses, createdFrom, createdTo, sort, List.of(parts));
    }

    /** The query string, {@code ?} included, or empty. */
    String toQueryString() {
        var parts = new ArrayList<String>();
        add(parts, "page", page);
        add(parts, "per_page", perPage);
        if (statuses != null) {
            statuses.forEach(status -> add(parts, "status", status));
        }
        add(parts, "created_from", createdFrom);
        add(parts, "created_to", createdTo);
        add(parts, "sort", sort);
        if (include != null && !include.isEmpty()) {
            add(parts, "include", String.join(",", include));
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    static void add(List<String> parts, String name, Object value) {
        if (value != null) {
            parts.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }
}
