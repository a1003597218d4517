package dev.comanda.client;

/** How the order reaches the customer: a delivery address, takeaway, or a table. */
public record Fulfilment(FulfilmentType type, Address address, String table) {

    public record Address(String street, String number, String complement, String city, String postalCode) {}

    public static Fulfilment takeaway() {
        return new Fulfilment(FulfilmentType.TAKEAWAY, null, null);
    }

    public static Fulfilment delivery(Address address) {
        return new Fulfilment(FulfilmentType.DELIVERY, address, null);
    }

    public static Fulfilment dineIn(String table) {
        return new Fulfilment(FulfilmentType.DINE_IN, null, table);
    }
}
