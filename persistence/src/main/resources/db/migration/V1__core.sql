-- Core schema: tenants and their API tokens, the catalog, stock with reservations and an audit
-- trail, and the order read model. Valid on MySQL 8 and MariaDB 10.11. Every time is DATETIME(6)
-- in UTC, written by the application (never a session-time-zone default). Identifiers use the
-- binary collation so a SKU or key matches only itself, byte for byte.

CREATE TABLE tenants (
    id         VARCHAR(40)  NOT NULL COMMENT 'slug, OrderContract.isTenantId',
    name       VARCHAR(200) NOT NULL,
    currency   CHAR(3)      NOT NULL COMMENT 'ISO-4217 code of every price of the tenant',
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Bearer tokens. Only the SHA-256 hex of a token is stored: a leaked table grants nothing.
CREATE TABLE api_tokens (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id  VARCHAR(40)  NOT NULL,
    role       VARCHAR(16)  NOT NULL COMMENT 'CUSTOMER, KITCHEN, ADMIN or OPS',
    name       VARCHAR(200) NOT NULL,
    token_hash CHAR(64)     NOT NULL COMMENT 'SHA-256 hex of the token',
    created_at DATETIME(6)  NOT NULL,
    revoked_at DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_api_tokens_hash (token_hash),
    KEY ix_api_tokens_tenant (tenant_id),
    CONSTRAINT fk_api_tokens_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE products (
    tenant_id   VARCHAR(40)  NOT NULL,
    sku         VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    price_cents BIGINT       NOT NULL COMMENT 'the only source of prices; clients never set one',
    currency    CHAR(3)      NOT NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE COMMENT 'inactive products cannot be ordered',
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, sku),
    CONSTRAINT fk_products_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- On hand = available + reserved. Conservation: initial + restocks + adjustments
-- = available + reserved + sold (checked by StockConservation against stock_movements).
-- UNSIGNED is a second guard: every decrement is a conditional UPDATE (... WHERE available >= ?).
CREATE TABLE stock (
    tenant_id  VARCHAR(40)  NOT NULL,
    sku        VARCHAR(64)  NOT NULL,
    available  INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'on hand and free to reserve',
    reserved   INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'on hand, held by RESERVED reservations',
    sold       INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'left inventory with COMMITTED reservations',
    updated_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, sku),
    CONSTRAINT fk_stock_product FOREIGN KEY (tenant_id, sku) REFERENCES products (tenant_id, sku)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per order's reservation; the key (from the workflow) makes every transition idempotent:
-- RESERVED -> COMMITTED -> RESTOCKED, RESERVED -> RELEASED.
CREATE TABLE reservations (
    reservation_key VARCHAR(100) NOT NULL,
    tenant_id       VARCHAR(40)  NOT NULL,
    order_id        CHAR(32)     NOT NULL,
    status          VARCHAR(16)  NOT NULL COMMENT 'RESERVED, COMMITTED, RELEASED or RESTOCKED',
    release_reason  VARCHAR(200) NULL,
    expires_at      DATETIME(6)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (reservation_key),
    KEY ix_reservations_sweep (status, expires_at),
    KEY ix_reservations_order (tenant_id, order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE reservation_lines (
    reservation_key VARCHAR(100) NOT NULL,
    sku             VARCHAR(64)  NOT NULL,
    quantity        INT UNSIGNED NOT NULL,
    PRIMARY KEY (reservation_key, sku),
    CONSTRAINT fk_reservation_lines_reservation FOREIGN KEY (reservation_key) REFERENCES reservations (reservation_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Audit trail of every stock change, written in the transaction of the change. quantity is a
-- magnitude, the kind gives the direction; only ADJUSTMENT may be negative. A movement with a
-- reference (reservation key, admin idempotency key) happens once per (reference, sku, kind).
CREATE TABLE stock_movements (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id  VARCHAR(40)  NOT NULL,
    sku        VARCHAR(64)  NOT NULL,
    kind       VARCHAR(20)  NOT NULL COMMENT 'INITIAL, RESTOCK, ADJUSTMENT, RESERVE, COMMIT, RELEASE, RESTOCK_CANCELLED',
    quantity   INT          NOT NULL,
    reference  VARCHAR(100) NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_stock_movements_reference (tenant_id, reference, sku, kind),
    KEY ix_stock_movements_product (tenant_id, sku)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Read model of orders, written by the workflow's read-model activities and read by the API.
CREATE TABLE orders (
    order_id            CHAR(32)     NOT NULL,
    tenant_id           VARCHAR(40)  NOT NULL,
    status              VARCHAR(20)  NOT NULL,
    reason              VARCHAR(64)  NULL COMMENT 'rejection or cancellation reason',
    channel             VARCHAR(20)  NOT NULL,
    customer_name       VARCHAR(200) NULL,
    customer_email      VARCHAR(320) NULL,
    customer_phone      VARCHAR(40)  NULL,
    fulfilment_type     VARCHAR(16)  NOT NULL,
    address_street      VARCHAR(200) NULL,
    address_number      VARCHAR(20)  NULL,
    address_complement  VARCHAR(200) NULL,
    address_city        VARCHAR(100) NULL,
    address_postal_code VARCHAR(20)  NULL,
    table_label         VARCHAR(40)  NULL COMMENT 'dine-in table',
    payment_method      VARCHAR(8)   NOT NULL,
    payment_status      VARCHAR(32)  NULL,
    total_cents         BIGINT       NOT NULL,
    currency            CHAR(3)      NOT NULL,
    charged_cents       BIGINT       NOT NULL DEFAULT 0,
    refunded_cents      BIGINT       NOT NULL DEFAULT 0,
    provider_charge_id  VARCHAR(100) NULL,
    pix_code            VARCHAR(512) NULL,
    workflow_id         VARCHAR(120) NOT NULL,
    last_seq            INT          NOT NULL DEFAULT 0 COMMENT 'highest timeline seq applied: status never goes back',
    created_at          DATETIME(6)  NOT NULL,
    updated_at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (order_id),
    KEY ix_orders_tenant_status_created (tenant_id, status, created_at),
    KEY ix_orders_tenant_created (tenant_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE order_items (
    order_id         CHAR(32)     NOT NULL,
    line_no          INT          NOT NULL,
    sku              VARCHAR(64)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    quantity         INT          NOT NULL,
    unit_price_cents BIGINT       NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT fk_order_items_order FOREIGN KEY (order_id) REFERENCES orders (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Timeline. (order_id, seq) is the idempotency key; id orders events per tenant for streaming.
CREATE TABLE order_events (
    id        BIGINT        NOT NULL AUTO_INCREMENT,
    order_id  CHAR(32)      NOT NULL,
    seq       INT           NOT NULL,
    tenant_id VARCHAR(40)   NOT NULL,
    step      VARCHAR(64)   NOT NULL,
    status    VARCHAR(20)   NOT NULL,
    at        DATETIME(6)   NOT NULL,
    detail    VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_order_events_seq (order_id, seq),
    KEY ix_order_events_tenant (tenant_id, id),
    CONSTRAINT fk_order_events_order FOREIGN KEY (order_id) REFERENCES orders (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Sync summary: the last known status of the order on each marketplace.
CREATE TABLE order_sync (
    order_id    CHAR(32)      NOT NULL,
    channel     VARCHAR(64)   NOT NULL,
    status      VARCHAR(16)   NOT NULL COMMENT 'SYNCING, SYNCED, FAILED or CANCELLED',
    external_id VARCHAR(200)  NULL,
    last_error  VARCHAR(1000) NULL,
    PRIMARY KEY (order_id, channel),
    CONSTRAINT fk_order_sync_order FOREIGN KEY (order_id) REFERENCES orders (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
