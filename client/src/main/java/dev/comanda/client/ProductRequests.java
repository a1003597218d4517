package dev.comanda.client;

/** The bodies of the catalog's admin calls. */
public final class ProductRequests {

    private ProductRequests() {}

    /** {@code POST /products}: a new product with its price (minor unit) and initial stock. */
    public record NewProduct(String sku, String name, long priceCents, int initialStock) {}

    /** {@code PUT /products/{sku}}: rename and reprice; {@code active} null leaves it on or off sale as it is. */
    public record ProductChange(String name, long priceCents, Boolean active) {}

    /**
     * {@code POST /products/{sku}/stock}: exactly one of {@code restock} (more arrived) and {@code delta} (a
     * correction); the {@code reference} makes it idempotent.
     */
    public record StockChange(Integer restock, Integer delta, String reference) {

        public static StockChange restock(int quantity, String reference) {
            return new StockChange(quantity, null, reference);
        }

        public static StockChange correction(int delta, String reference) {
            return new StockChange(null, delta, reference);
        }
    }
}
