-- The per-tenant event stream that real-time clients follow and catch up on (docs/realtime.md).
-- order_events.id cannot number it: an AUTO_INCREMENT value is taken at insert, so a transaction that
-- took id 7 may commit after one that took id 8, and a reader that saw 8 would skip 7 for good.
-- Instead each tenant has a counter row, incremented in the transaction that inserts the events: the
-- row lock is held until commit, so the tenant's writers commit in the order of their numbers and a
-- rolled-back transaction gives its numbers back. The stream is gap-free in commit order.
-- Valid on MySQL 8 and MariaDB 10.11.

CREATE TABLE order_event_counters (
    tenant_id VARCHAR(40) NOT NULL,
    last_seq  BIGINT      NOT NULL COMMENT 'highest tenant_seq handed out (and committed) for the tenant',
    PRIMARY KEY (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

ALTER TABLE order_events
    ADD COLUMN tenant_seq BIGINT NULL COMMENT 'position in the tenant''s event stream, from 1, gap-free' AFTER tenant_id,
    ADD UNIQUE KEY uk_order_events_tenant_seq (tenant_id, tenant_seq);

-- Entries written before this migration join the stream in insertion order.
UPDATE order_events e
    JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY tenant_id ORDER BY id) AS n
          FROM order_events) numbered ON numbered.id = e.id
SET e.tenant_seq = numbered.n;

INSERT INTO order_event_counters (tenant_id, last_seq)
SELECT tenant_id, MAX(tenant_seq)
FROM order_events
GROUP BY tenant_id;
