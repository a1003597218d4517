-- The data keys that encrypt Temporal payloads (docs/personal-data.md): one per workflow (scope) and master
-- key, stored wrapped (AES-256-GCM) by a master key from configuration, never in clear. Written only by
-- dev.comanda.persistence.crypto.PayloadKeyStore (the payload codec, in whichever process encodes first);
-- erasing a customer deletes the keys of that customer's orders. Valid on MySQL 8 and MariaDB 10.11.
CREATE TABLE payload_data_keys (
    id            CHAR(32)      NOT NULL COMMENT 'the key id written into each payload it encrypts',
    scope         VARCHAR(255)  NOT NULL COMMENT 'the workflow ID, or namespace for payloads outside one',
    master_key_id VARCHAR(40)   NOT NULL COMMENT 'the master key that wraps it',
    wrapped_key   VARBINARY(80) NOT NULL COMMENT 'IV, then the data key encrypted and its GCM tag',
    created_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_payload_data_keys_scope (scope, master_key_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
