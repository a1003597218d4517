-- Customers who sign in (docs/identity.md): an account per tenant and e-mail, created the first time a
-- one-time code sent to that address is used; the orders each placed while signed in; and the one-time
-- codes of every e-mail sign-in, staff invitation and password reset. The API owns these tables
-- (dev.comanda.persistence.identity). Valid on MySQL 8 and MariaDB 10.11.

CREATE TABLE customer_accounts (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id    VARCHAR(40)  NOT NULL,
    email        VARCHAR(254) NOT NULL COMMENT 'lower case; unique in the tenant',
    created_at   DATETIME(6)  NOT NULL,
    signed_in_at DATETIME(6)  NOT NULL COMMENT 'the last code used',
    PRIMARY KEY (id),
    UNIQUE KEY uk_customer_accounts_email (tenant_id, email),
    CONSTRAINT fk_customer_accounts_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Whose an order is: written by the API before it starts the order's workflow, so an order acknowledged
-- to a signed-in customer always belongs to that customer. The key the customer lists, reads, cancels
-- and follows its orders by; another customer's order is not found.
CREATE TABLE customer_orders (
    order_id    CHAR(32)    NOT NULL,
    tenant_id   VARCHAR(40) NOT NULL,
    customer_id BIGINT      NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (order_id),
    KEY ix_customer_orders_customer (tenant_id, customer_id, order_id),
    CONSTRAINT fk_customer_orders_customer FOREIGN KEY (customer_id) REFERENCES customer_accounts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One-time codes sent by e-mail. Only the encoder's hash is kept (the code itself only in the e-mail);
-- a code is good once, until expires_at, for max attempts wrong guesses. A new code of the same purpose
-- and address supersedes the older ones (used_at set on them).
CREATE TABLE one_time_codes (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id  VARCHAR(40)  NOT NULL,
    purpose    VARCHAR(24)  NOT NULL COMMENT 'CUSTOMER_SIGN_IN, STAFF_INVITATION or PASSWORD_RESET',
    email      VARCHAR(254) NOT NULL COMMENT 'lower case',
    code_hash  VARCHAR(255) NOT NULL COMMENT 'PasswordEncoder output with its {id}',
    attempts   INT          NOT NULL DEFAULT 0 COMMENT 'wrong guesses so far',
    created_at DATETIME(6)  NOT NULL,
    expires_at DATETIME(6)  NOT NULL,
    used_at    DATETIME(6)  NULL COMMENT 'used, or superseded by a newer code',
    PRIMARY KEY (id),
    KEY ix_one_time_codes_address (tenant_id, purpose, email, id),
    KEY ix_one_time_codes_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
