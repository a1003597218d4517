package dev.comanda.order;

/**
 * One priced line of an order. The unit price comes from the server's catalog, except for an order a
 * POS took offline, whose price is the one the waiter saw if the sync rules honour it (docs/pos-sync.md).
 */
public record OrderLine(String sku, String name, int quantity, Money unitPrice) {

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
