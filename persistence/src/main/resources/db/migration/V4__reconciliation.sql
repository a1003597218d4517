-- Reconciliation and the ops queue. The reconciliation compares the read model, Temporal and the
-- payment provider's books on a Temporal Schedule; what it finds and repairs lands here, one row per
-- thing it is about (the finding key), however many runs see it. Ops actions on orders that went
-- wrong (retries and resolutions) are audited here, each under the caller's idempotency key.
-- Times are DATETIME(6) in UTC. Valid on MySQL 8 and MariaDB 10.11.

CREATE TABLE reconciliation_runs (
    run_id        VARCHAR(250) NOT NULL COMMENT 'workflow ID / run ID of the reconciliation run',
    found         INT          NOT NULL DEFAULT 0,
    repaired      INT          NOT NULL DEFAULT 0,
    left_for_ops  INT          NOT NULL DEFAULT 0,
    failed        INT          NOT NULL DEFAULT 0,
    stuck_not_accepted INT     NOT NULL DEFAULT 0 COMMENT 'CONFIRMED longer than the policy allows',
    stuck_preparing    INT     NOT NULL DEFAULT 0 COMMENT 'ACCEPTED or PREPARING longer than the policy allows',
    stuck_pix_pending  INT     NOT NULL DEFAULT 0 COMMENT 'PENDING PIX longer than the policy allows',
    started_at    DATETIME(6)  NOT NULL,
    finished_at   DATETIME(6)  NULL     COMMENT 'NULL while the run is going (or died)',
    PRIMARY KEY (run_id),
    KEY ix_reconciliation_runs_finished (finished_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE reconciliation_findings (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    finding_key   VARCHAR(200)  NOT NULL COMMENT 'ReconciliationContract.findingKey: kind and what it is about',
    kind          VARCHAR(32)   NOT NULL COMMENT 'LOST_ORDER | MISPLACED_CHARGE | LOOSE_RESERVATION | ORPHAN_WORKFLOW',
    tenant_id     VARCHAR(40)   NULL,
    order_id      CHAR(32)      NULL,
    status        VARCHAR(16)   NOT NULL COMMENT 'FOUND | REPAIRED | LEFT_FOR_OPS | FAILED',
    detail        VARCHAR(1000) NOT NULL COMMENT 'what was found',
    repair        VARCHAR(1000) NULL     COMMENT 'what the repair did, or its last error',
    attempts      INT           NOT NULL DEFAULT 0 COMMENT 'runs that tried to repair it',
    first_run_id  VARCHAR(250)  NOT NULL,
    last_run_id   VARCHAR(250)  NOT NULL,
    first_seen_at DATETIME(6)   NOT NULL,
    last_seen_at  DATETIME(6)   NOT NULL,
    repaired_at   DATETIME(6)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_reconciliation_findings_key (finding_key),
    KEY ix_reconciliation_findings_status (status, last_seen_at),
    KEY ix_reconciliation_findings_order (tenant_id, order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The receipt of every placement the API acknowledges, written before its workflow is started: the
-- order's input outlives a Temporal server that lost the workflow before its first step wrote the
-- order row, and the reconciliation starts the workflow again from it. Written by the API only.
CREATE TABLE order_placements (
    order_id    CHAR(32)     NOT NULL,
    tenant_id   VARCHAR(40)  NOT NULL,
    placement   MEDIUMTEXT   NOT NULL COMMENT 'the PlaceOrder the workflow is started with, as JSON',
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (order_id),
    KEY ix_order_placements_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What the scan and the ops queue look up: live orders by how long they have sat, held reservations
-- by age (COMMITTED ones accumulate for good, so the scan only reads back a lookback window).
ALTER TABLE orders ADD KEY ix_orders_status_updated (status, updated_at);
ALTER TABLE reservations ADD KEY ix_reservations_status_updated (status, updated_at);

-- Audit of every ops action on an order: one row per idempotency key, written before the action and
-- completed after, so a repeated request answers what the first did and never acts twice.
CREATE TABLE ops_actions (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id       VARCHAR(40)   NOT NULL,
    order_id        CHAR(32)      NOT NULL,
    idempotency_key VARCHAR(200)  NOT NULL COMMENT 'tenant + the caller''s Idempotency-Key',
    action          VARCHAR(32)   NOT NULL COMMENT 'RESOLVE | RETRY_MARKETPLACE | RETRY_REFUND | RESET_WORKFLOW',
    actor           VARCHAR(200)  NOT NULL COMMENT 'who: the token''s name and role, or the operator key',
    note            VARCHAR(1000) NULL     COMMENT 'why',
    outcome         VARCHAR(1000) NULL     COMMENT 'what the action did',
    created_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_ops_actions_key (idempotency_key),
    KEY ix_ops_actions_order (tenant_id, order_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- An order a person looked at and settled; it leaves the queue. One per order: resolving twice is refused.
CREATE TABLE ops_resolutions (
    tenant_id   VARCHAR(40)   NOT NULL,
    order_id    CHAR(32)      NOT NULL,
    resolved_by VARCHAR(200)  NOT NULL,
    note        VARCHAR(1000) NOT NULL,
    resolved_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (tenant_id, order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
