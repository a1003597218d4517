package dev.comanda.persistence.order;

import java.util.List;

/** A page of orders and the number of orders matching the search on every page. */
public record OrderPage(List<OrderView> orders, long total, int page, int perPage) {}
