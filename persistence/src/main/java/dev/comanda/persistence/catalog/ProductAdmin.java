package dev.comanda.persistence.catalog;

import dev.comanda.order.Money;
import dev.comanda.persistence.inventory.InventoryRepository;
import dev.comanda.persistence.inventory.StockMovementKind;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Catalog administration. Every stock change writes its movement in the same transaction, and every
 * change evicts the tenant's cached catalog after commit. An optional {@code reference} (the caller's
 * idempotency key) makes a restock or adjustment apply once.
 */
@Service
public class ProductAdmin {

    private final CatalogRepository products;
    private final InventoryRepository inventory;
    private final CatalogService catalog;
    private final CatalogChanges changes;

    ProductAdmin(
            CatalogRepository products, InventoryRepository inventory, CatalogService catalog, CatalogChanges changes) {
        this.products = products;
        this.inventory = inventory;
        this.catalog = catalog;
        this.changes = changes;
    }

    /** Creates an active product; false when the tenant already has the SKU. */
    @Transactional
    public boolean create(String tenantId, String sku, String name, Money price) {
        requirePrice(price);
        var created = products.insert(tenantId, sku, name, price);
        changed(tenantId, sku, created);
        return created;
    }

    /** Renames or reprices a product; false when it does not exist. */
    @Transactional
    public boolean update(String tenantId, String sku, String name, Money price) {
        requirePrice(price);
        var updated = products.update(tenantId, sku, name, price);
        changed(tenantId, sku, updated);
        return updated;
    }

    /** Takes a product off sale (reservations for it fail as out of stock); false when it does not exist. */
    @Transactional
    public boolean deactivate(String tenantId, String sku) {
        var changed = products.setActive(tenantId, sku, false);
        changed(tenantId, sku, changed);
        return changed;
    }

    @Transactional
    public boolean activate(String tenantId, String sku) {
        var changed = products.setActive(tenantId, sku, true);
        changed(tenantId, sku, changed);
        return changed;
    }

    /** The first stock of a product; false when it already has stock (use restock or adjust then). */
    @Transactional
    public boolean setInitialStock(String tenantId, String sku, int quantity) {
        requireNonNegative(quantity);
        if (!inventory.createStock(tenantId, sku, quantity)) {
            return false;
        }
        inventory.recordMovement(tenantId, sku, StockMovementKind.INITIAL, quantity, null);
        changed(tenantId, sku, true);
        return true;
    }

    /** Goods arrived; false when {@code reference} was applied before. */
    @Transactional
    public boolean restock(String tenantId, String sku, int quantity, String reference) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("a restock adds a positive quantity, got " + quantity);
        }
        if (!record(tenantId, sku, StockMovementKind.RESTOCK, quantity, reference)) {
            return false;
        }
        if (!inventory.addAvailable(tenantId, sku, quantity)) {
            throw new IllegalStateException(sku + " has no stock yet: set its initial stock first");
        }
        changed(tenantId, sku, true);
        return true;
    }

    /**
     * Corrects available stock by {@code delta} (an inventory count); false when {@code reference} was
     * applied before. A decrease below what is available is refused.
     */
    @Transactional
    public boolean adjust(String tenantId, String sku, int delta, String reference) {
        if (delta == 0) {
            throw new IllegalArgumentException("an adjustment changes the stock");
        }
        if (!record(tenantId, sku, StockMovementKind.ADJUSTMENT, delta, reference)) {
            return false;
        }
        var applied = delta > 0
                ? inventory.addAvailable(tenantId, sku, delta)
                : inventory.removeAvailable(tenantId, sku, -delta);
        if (!applied) {
            // Unchecked, so the movement written above rolls back with it.
            throw new IllegalArgumentException("cannot adjust " + sku + " by " + delta + ": not that much available");
        }
        changed(tenantId, sku, true);
        return true;
    }

    /** Evicts the cached catalog and, when the product changed, numbers the change for the POS pull (last). */
    private void changed(String tenantId, String sku, boolean applied) {
        catalog.evict(tenantId);
        if (applied) {
            changes.stamp(tenantId, sku);
        }
    }

    private boolean record(String tenantId, String sku, StockMovementKind kind, int quantity, String reference) {
        try {
            inventory.recordMovement(tenantId, sku, kind, quantity, reference);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static void requirePrice(Money price) {
        if (price == null || price.cents() < 0) {
            throw new IllegalArgumentException("a price is zero or more, got " + price);
        }
    }

    private static void requireNonNegative(int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("stock is zero or more, got " + quantity);
        }
    }
}
