-- The signing keys' private halves sealed by the payload codec's master key (docs/identity.md, "Signing
-- keys"): whoever reads this table no longer holds keys that sign access and tracking tokens. With
-- master_key_id, jwk is the base64 of the JWK sealed by that master key (AES-GCM, the kid bound); without
-- it, the JWK in clear, as every key was before this migration and as keys stay with payload encryption off.
-- POST /api/v1/ops/signing-keys/seal seals the clear ones, and those under an older master key again, once
-- every API instance reads sealed keys. Valid on MySQL 8 and MariaDB 10.11.

ALTER TABLE signing_keys
    MODIFY COLUMN jwk TEXT NOT NULL
        COMMENT 'the RSA key pair as a JWK (JSON); with master_key_id, that JWK sealed (base64)',
    ADD COLUMN master_key_id VARCHAR(40) NULL
        COMMENT 'the master key that sealed jwk (COMANDA_PAYLOAD_MASTER_KEYS); NULL: jwk in clear'
        AFTER jwk;
