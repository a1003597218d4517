-- Who did it (docs/identity.md): the person, API key, device, customer or operator that asked for a
-- kitchen move or a cancellation, on its timeline entry; and the display name of who acted in the ops
-- ledger (actor keeps what it held: "staff 12", "ops token 3", "operator"). NULL for entries and
-- actions recorded before, and for the workflow's own steps. Valid on MySQL 8 and MariaDB 10.11.

ALTER TABLE order_events
    ADD COLUMN by_kind VARCHAR(16) NULL COMMENT 'STAFF, API_KEY, DEVICE, CUSTOMER, GUEST or OPERATOR',
    ADD COLUMN by_id VARCHAR(64) NULL COMMENT 'the account, key or device ID in the tenant',
    ADD COLUMN by_name VARCHAR(254) NULL COMMENT 'the name people read';

ALTER TABLE ops_actions
    ADD COLUMN actor_name VARCHAR(254) NULL COMMENT 'the name of who acted: a person, the key''s name';

ALTER TABLE ops_resolutions
    ADD COLUMN resolved_by_name VARCHAR(254) NULL COMMENT 'the name of who resolved it';
