package dev.comanda.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of {@code GET /orders}: the orders, which page of how many per page, and how many match in all. */
public record OrderPage(
        List<Order> items,
        int page,
        @JsonProperty("per_page") int perPage,
        long total) {}
