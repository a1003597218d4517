-- Stock events of the tenant's event stream (docs/realtime.md): a product sold out, or back in stock.
-- They are numbered in the same per-tenant sequence as order_events (order_event_counters, bumped in
-- the transaction of the stock move), so a client follows one gap-free stream of both kinds. Their own
-- table rather than order_events rows: a stock event belongs to no order, and order_events keeps its
-- foreign key and NOT NULL order columns. Written only by OrderEventStream, the owner of the stream.
-- Valid on MySQL 8 and MariaDB 10.11.

CREATE TABLE stock_events (
    tenant_id  VARCHAR(40) NOT NULL,
    tenant_seq BIGINT      NOT NULL COMMENT 'position in the tenant''s event stream, shared with order_events',
    sku        VARCHAR(64) NOT NULL,
    step       VARCHAR(16) NOT NULL COMMENT 'SOLD_OUT or BACK_IN_STOCK',
    available  INT         NOT NULL COMMENT 'stock.available after the move',
    at         DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id, tenant_seq),
    KEY ix_stock_events_product (tenant_id, sku, tenant_seq),
    CONSTRAINT fk_stock_events_product FOREIGN KEY (tenant_id, sku) REFERENCES products (tenant_id, sku)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
