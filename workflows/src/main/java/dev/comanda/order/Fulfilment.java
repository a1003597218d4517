package dev.comanda.order;

/**
 * Delivery carries an address, dine-in a table, takeaway neither. A record with a type rather than a
 * sealed hierarchy keeps the JSON flat for clients and for Temporal's payload converter.
 */
public record Fulfilment(FulfilmentType type, Address address, String table) {

    public static Fulfilment delivery(Address address) {
        return new Fulfilment(FulfilmentType.DELIVERY, address, null);
    }

    public static Fulfilment takeaway() {
        return new Fulfilment(FulfilmentType.TAKEAWAY, null, null);
    }

    public static Fulfilment dineIn(String table) {
        return new Fulfilment(FulfilmentType.DINE_IN, null, table);
    }
}
