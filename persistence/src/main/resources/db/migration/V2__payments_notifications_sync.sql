-- Payments, notifications and external sync: the integration side of the order workflow.
-- No foreign keys to the core tables: these rows are written by activities on other task queues and
-- must never fail or block on the read model's rows. tenant_id is indexed wherever rows are listed.
-- Times are DATETIME(6) in UTC. Valid on MySQL 8 and MariaDB 10.11.

-- One row per provider call we made, keyed by the idempotency key we sent, so a retried activity
-- finds its row and the provider's idempotency makes the retry return the same charge or refund.
-- REQUESTED is written before the call: a REQUESTED row means "the provider may have seen it".
CREATE TABLE payments (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id       VARCHAR(40)  NOT NULL,
    order_id        CHAR(32)     NOT NULL,
    kind            VARCHAR(16)  NOT NULL COMMENT 'CHARGE | REFUND',
    idempotency_key VARCHAR(200) NOT NULL,
    charge_key      VARCHAR(200) NULL     COMMENT 'for refunds: the idempotency key of the charge',
    method          VARCHAR(16)  NOT NULL COMMENT 'CARD | PIX',
    amount_cents    BIGINT       NOT NULL,
    currency        CHAR(3)      NOT NULL,
    status          VARCHAR(16)  NOT NULL COMMENT 'REQUESTED | PENDING | SUCCEEDED | DECLINED | FAILED | REFUNDED | VOIDED',
    provider_id     VARCHAR(64)  NULL,
    pix_code        VARCHAR(512) NULL,
    request_body    TEXT         NOT NULL COMMENT 'the exact JSON sent, replayed under the same key when the outcome is unknown',
    last_error      VARCHAR(1000) NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_payments_idempotency_key (idempotency_key),
    UNIQUE KEY uk_payments_provider_id (provider_id),
    KEY ix_payments_tenant_order (tenant_id, order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per order, kind and recipient: claimed before sending, SENT after, so a retry never sends twice.
CREATE TABLE notifications (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id   VARCHAR(40)  NOT NULL,
    order_id    CHAR(32)     NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    recipient   VARCHAR(255) NOT NULL,
    channel     VARCHAR(16)  NOT NULL COMMENT 'EMAIL | WEBHOOK',
    status      VARCHAR(16)  NOT NULL COMMENT 'PENDING | SENDING | SENT | FAILED',
    attempts    INT          NOT NULL DEFAULT 0,
    last_error  VARCHAR(1000) NULL,
    claimed_at  DATETIME(6)  NULL,
    sent_at     DATETIME(6)  NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_notifications_order_kind_recipient (order_id, kind, recipient),
    KEY ix_notifications_tenant (tenant_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Where a restaurant hears of its orders; set by the API's operator endpoint.
CREATE TABLE restaurant_endpoints (
    tenant_id      VARCHAR(40)   NOT NULL,
    webhook_url    VARCHAR(1000) NULL,
    webhook_secret VARCHAR(200)  NULL,
    email          VARCHAR(255)  NULL,
    updated_at     DATETIME(6)   NOT NULL,
    PRIMARY KEY (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The marketplaces and ERPs a tenant pushes orders to.
CREATE TABLE marketplace_endpoints (
    tenant_id  VARCHAR(40)   NOT NULL,
    channel    VARCHAR(40)   NOT NULL,
    url        VARCHAR(1000) NOT NULL,
    secret     VARCHAR(200)  NULL,
    enabled    BOOLEAN       NOT NULL DEFAULT TRUE,
    updated_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (tenant_id, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every push attempt of an order to a marketplace, so a failing marketplace is visible.
CREATE TABLE marketplace_sync_log (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id   VARCHAR(40)   NOT NULL,
    order_id    CHAR(32)      NOT NULL,
    channel     VARCHAR(40)   NOT NULL,
    status      VARCHAR(16)   NOT NULL COMMENT 'SYNCING | SYNCED | FAILED | CIRCUIT_OPEN',
    attempts    INT           NOT NULL DEFAULT 0,
    external_id VARCHAR(200)  NULL,
    last_error  VARCHAR(1000) NULL,
    created_at  DATETIME(6)   NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_sync_log_order_channel (order_id, channel),
    KEY ix_sync_log_tenant_status (tenant_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
