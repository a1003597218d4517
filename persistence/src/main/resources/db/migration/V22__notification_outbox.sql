-- The transactional outbox of an order's notifications (docs/architecture.md, "What costs what"): the read
-- model's write of CONFIRMED queues the CONFIRMED notification in the same transaction, and the workers'
-- relay sends it (at once, after the commit, from the worker that wrote it; a poll picks up what that send
-- missed), instead of a notification activity the order's history pays for. One row per (tenant, order,
-- kind), so a retried write queues it once. payload is the notification as the activity took it (the order
-- with its customer): cleared once sent, given up or erased. Valid on MySQL 8 and MariaDB 10.11.

CREATE TABLE notification_outbox (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id       VARCHAR(40)   NOT NULL,
    order_id        CHAR(32)      NOT NULL,
    kind            VARCHAR(16)   NOT NULL COMMENT 'the notification kind (CONFIRMED)',
    payload         MEDIUMTEXT    NULL     COMMENT 'the notification as JSON; NULL once sent, given up or erased',
    status          VARCHAR(16)   NOT NULL COMMENT 'PENDING | SENDING | SENT | FAILED (tried again at next_attempt_at) | GAVE_UP | ERASED',
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6)   NULL     COMMENT 'a FAILED row: not tried again before',
    last_error      VARCHAR(1000) NULL,
    claimed_at      DATETIME(6)   NULL,
    sent_at         DATETIME(6)   NULL,
    created_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_notification_outbox_order_kind (tenant_id, order_id, kind),
    KEY ix_notification_outbox_status (status, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
