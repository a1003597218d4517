package dev.comanda.api.order;

import dev.comanda.api.ApiProperties;
import dev.comanda.api.error.ApiException;
import dev.comanda.order.OrderStatus;
import dev.comanda.persistence.order.OrderSearch;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Query parameters of the order list, checked one by one so an error names the parameter. */
final class OrderListParameters {

    private static final Set<String> INCLUDES = Set.of("items", "timeline");

    private OrderListParameters() {}

    static OrderSearch search(
            String tenantId,
            int page,
            Integer perPage,
            List<String> status,
            Instant createdFrom,
            Instant createdTo,
            String sort,
            List<String> include,
            ApiProperties properties) {
        if (page < 1 || page > 100_000) {
            throw ApiException.badParameter("page", "must be between 1 and 100000");
        }
        var size = perPage == null ? properties.defaultPerPage() : perPage;
        if (size < 1 || size > properties.maxPerPage()) {
            throw ApiException.badParameter("per_page", "must be between 1 and " + properties.maxPerPage());
        }
        if (createdFrom != null && createdTo != null && createdFrom.isAfter(createdTo)) {
            throw ApiException.badParameter("created_from", "must not be after created_to");
        }
        var descending = sort.startsWith("-");
        var field = descending ? sort.substring(1) : sort;
        var sortBy = switch (field) {
            case "created_at" -> OrderSearch.Sort.CREATED_AT;
            case "updated_at" -> OrderSearch.Sort.UPDATED_AT;
            case "total" -> OrderSearch.Sort.TOTAL;
            default ->
                throw ApiException.badParameter(
                        "sort", "must be created_at, updated_at or total, optionally prefixed with -");
        };
        var withDetails = false;
        for (var value : split(include)) {
            if (!INCLUDES.contains(value)) {
                throw ApiException.badParameter("include", "may hold items and timeline only");
            }
            withDetails = true;
        }
        return new OrderSearch(
                tenantId, statuses(status), createdFrom, createdTo, sortBy, !descending, page, size, withDetails);
    }

    private static Set<OrderStatus> statuses(List<String> values) {
        var statuses = EnumSet.noneOf(OrderStatus.class);
        for (var value : split(values)) {
            try {
                statuses.add(OrderStatus.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("status", "unknown status " + value);
            }
        }
        return statuses;
    }

    /** Accepts both {@code ?status=a,b} and {@code ?status=a&status=b}. */
    private static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }
}
