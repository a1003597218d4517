package dev.comanda.persistence.inventory;

/** What a stock_movements row did to the stock columns of its product. */
public enum StockMovementKind {
    /** First stock of a product: + available. */
    INITIAL,
    /** Goods arrived: + available. */
    RESTOCK,
    /** Inventory count correction, signed: ± available. */
    ADJUSTMENT,
    /** available → reserved. */
    RESERVE,
    /** reserved → sold. */
    COMMIT,
    /** reserved → available. */
    RELEASE,
    /** A committed order was cancelled: sold → available. */
    RESTOCK_CANCELLED,
    /** Sold beyond what was on hand (an order served offline): + deficit, next to its RESERVE and COMMIT. */
    DEFICIT
}
