-- People of a tenant and their sessions (docs/identity.md): staff accounts, the refresh tokens of
-- each login (a family per login, one row per rotation), and the keys that sign access tokens. The
-- API owns these tables (dev.comanda.persistence.identity). Valid on MySQL 8 and MariaDB 10.11.

CREATE TABLE staff_accounts (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id     VARCHAR(40)  NOT NULL,
    email         VARCHAR(254) NOT NULL COMMENT 'lower case; unique in the tenant',
    name          VARCHAR(120) NOT NULL,
    role          VARCHAR(16)  NOT NULL COMMENT 'OWNER, MANAGER, KITCHEN, WAITER or OPS',
    password_hash VARCHAR(255) NULL COMMENT 'PasswordEncoder output with its {id}; NULL: no password yet',
    created_at    DATETIME(6)  NOT NULL,
    changed_at    DATETIME(6)  NOT NULL COMMENT 'role, password or state; access tokens issued before are refused',
    disabled_at   DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_staff_accounts_email (tenant_id, email),
    CONSTRAINT fk_staff_accounts_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every refresh token issued, by its SHA-256. A family is one login; a token is used once (rotated),
-- and a second use of a used token revokes its whole family (the OAuth 2.0 Security BCP).
CREATE TABLE staff_refresh_tokens (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    family_id  CHAR(32)    NOT NULL COMMENT 'the session: one login and its rotations',
    staff_id   BIGINT      NOT NULL,
    token_hash CHAR(64)    NOT NULL COMMENT 'SHA-256 hex of the token',
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    used_at    DATETIME(6) NULL COMMENT 'rotated into a new token; any later use is reuse',
    revoked_at DATETIME(6) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_staff_refresh_tokens_hash (token_hash),
    KEY ix_staff_refresh_tokens_family (family_id),
    KEY ix_staff_refresh_tokens_staff (staff_id, revoked_at),
    CONSTRAINT fk_staff_refresh_tokens_staff FOREIGN KEY (staff_id) REFERENCES staff_accounts (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The keys that sign access tokens (RS256); their public halves are the JWKS. The newest unretired key
-- signs; a retired key still verifies until the tokens it signed have expired, then it is deleted.
CREATE TABLE signing_keys (
    kid        VARCHAR(40) NOT NULL,
    jwk        TEXT        NOT NULL COMMENT 'the RSA key pair as a JWK (JSON)',
    created_at DATETIME(6) NOT NULL,
    retired_at DATETIME(6) NULL,
    PRIMARY KEY (kid),
    KEY ix_signing_keys_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
