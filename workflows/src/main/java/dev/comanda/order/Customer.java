package dev.comanda.order;

/** Who the order is for; the email receives notifications. */
public record Customer(String name, String email, String phone) {}
