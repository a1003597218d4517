-- Tenant offboarding (docs/personal-data.md): a restaurant closed for good. offboarded_at is set by the
-- API when the operator asks; from then on every request of the tenant's callers is refused (410), its
-- credentials are revoked and its customers' personal data erased, while its orders, payments and stock
-- stay for the books. The audit of a tenant-wide ops action names no order. Valid on MySQL 8 and MariaDB 10.11.

ALTER TABLE tenants
    ADD COLUMN offboarded_at DATETIME(6) NULL COMMENT 'closed for good: its callers are refused, its customers erased';

ALTER TABLE ops_actions
    MODIFY order_id CHAR(32) NULL COMMENT 'the order; NULL for an action on the whole tenant (OFFBOARD_TENANT)';
