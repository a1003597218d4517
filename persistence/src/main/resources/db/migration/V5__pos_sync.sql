-- Offline-first POS devices (docs/pos-sync.md): device identity, the batch upload's idempotency
-- record, counted stock deficits of orders served offline, and the catalog's change numbering for
-- the delta pull. Valid on MySQL 8 and MariaDB 10.11.

-- PAID_AT_COUNTER does not fit the original VARCHAR(8).
ALTER TABLE orders
    MODIFY COLUMN payment_method VARCHAR(16) NOT NULL;

-- A POS device of a tenant. Its bearer token (role DEVICE) is the api_tokens row; revoking the
-- device revokes that token in the same transaction.
CREATE TABLE pos_devices (
    id         CHAR(32)     NOT NULL COMMENT 'random hex, named in every order the device syncs',
    tenant_id  VARCHAR(40)  NOT NULL,
    name       VARCHAR(120) NOT NULL,
    token_id   BIGINT       NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    revoked_at DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_pos_devices_token (token_id),
    KEY ix_pos_devices_tenant (tenant_id, created_at),
    CONSTRAINT fk_pos_devices_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    CONSTRAINT fk_pos_devices_token FOREIGN KEY (token_id) REFERENCES api_tokens (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per order a device synced: (tenant, device, client order ID) is the idempotency key of
-- the batch upload; the result first answered is kept and answered again to a re-sent order.
CREATE TABLE pos_sync_orders (
    tenant_id       VARCHAR(40)  NOT NULL,
    device_id       CHAR(32)     NOT NULL,
    client_order_id VARCHAR(64)  NOT NULL,
    order_id        CHAR(32)     NOT NULL,
    fingerprint     CHAR(64)     NOT NULL COMMENT 'SHA-256 of the order as first received',
    result          VARCHAR(16)  NOT NULL COMMENT 'created or conflict',
    result_json     TEXT         NOT NULL COMMENT 'the per-order answer given the first time',
    taken_at        DATETIME(6)  NOT NULL COMMENT 'the device clock when the waiter confirmed it',
    synced_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, device_id, client_order_id),
    UNIQUE KEY uk_pos_sync_orders_order (order_id),
    CONSTRAINT fk_pos_sync_orders_device FOREIGN KEY (device_id) REFERENCES pos_devices (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Sold beyond what was on hand (an order served offline while stock ran out). Conservation becomes
-- initial + restocks + adjustments = available + reserved + sold - deficit; the DEFICIT movements
-- explain the column.
ALTER TABLE stock
    ADD COLUMN deficit INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'sold without stock on hand, counted for the next inventory count' AFTER sold;

-- The catalog's change numbering, like order_event_counters: bumped last in the transaction of a
-- product or admin stock change and locked until commit, so numbers are handed out in commit order.
CREATE TABLE catalog_counters (
    tenant_id VARCHAR(40) NOT NULL,
    last_seq  BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

ALTER TABLE products
    ADD COLUMN catalog_seq BIGINT NOT NULL DEFAULT 0 COMMENT 'catalog_counters number of the last change' AFTER active,
    ADD KEY ix_products_catalog_seq (tenant_id, catalog_seq);

-- Products that exist before this migration join the numbering in SKU order.
UPDATE products p
    JOIN (SELECT tenant_id, sku, ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY sku) AS n
          FROM products) numbered ON numbered.tenant_id = p.tenant_id AND numbered.sku = p.sku
SET p.catalog_seq = numbered.n;

INSERT INTO catalog_counters (tenant_id, last_seq)
SELECT tenant_id, MAX(catalog_seq)
FROM products
GROUP BY tenant_id;

-- A table's bill closed at the counter. An order taken offline for the table before a closure by
-- another device reaches the server after its bill: the TABLE_CLOSED rule of docs/pos-sync.md.
CREATE TABLE pos_table_closures (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    tenant_id   VARCHAR(40) NOT NULL,
    table_label VARCHAR(40) NOT NULL,
    closed_at   DATETIME(6) NOT NULL COMMENT 'the closing device''s clock, or the server''s',
    device_id   CHAR(32)    NULL COMMENT 'null when staff closed it',
    PRIMARY KEY (id),
    KEY ix_pos_table_closures (tenant_id, table_label, closed_at),
    CONSTRAINT fk_pos_table_closures_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
