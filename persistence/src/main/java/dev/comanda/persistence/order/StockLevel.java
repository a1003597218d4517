package dev.comanda.persistence.order;

/**
 * What a stock event of the tenant's stream says: the product {@code sku} is {@link Step#SOLD_OUT}
 * (nothing available any more) or {@link Step#BACK_IN_STOCK} (available again), with the available
 * quantity after the move.
 */
public record StockLevel(String sku, Step step, int available) {

    /** The two moves that change what a menu can offer; other stock moves are not in the stream. */
    public enum Step {
        SOLD_OUT,
        BACK_IN_STOCK
    }

    /**
     * The event of a move that changed available stock by {@code delta} and left {@code after}, or null
     * when the product was and stays orderable (or was and stays sold out).
     */
    public static StockLevel crossing(String sku, int delta, int after) {
        if (delta < 0 && after == 0) {
            return new StockLevel(sku, Step.SOLD_OUT, after);
        }
        if (delta > 0 && after == delta) {
            return new StockLevel(sku, Step.BACK_IN_STOCK, after);
        }
        return null;
    }
}
