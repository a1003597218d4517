package dev.comanda.order;

/** A delivery address. */
public record Address(String street, String number, String complement, String city, String postalCode) {}
