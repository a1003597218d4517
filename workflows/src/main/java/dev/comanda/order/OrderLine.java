package dev.comanda.order;

/** One priced line of an order. The unit price always comes from the server's catalog. */
public record OrderLine(String sku, String name, int quantity, Money unitPrice) {

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
