-- A storefront's publishable key (docs/identity.md) is an api_tokens row whose token starts cmp_: it reads
-- the menu and places guest orders, nothing else. The flag lets an admin tell the two kinds apart in the
-- list; authentication also requires it to match the token's prefix.
ALTER TABLE api_tokens
    ADD COLUMN publishable BOOLEAN NOT NULL DEFAULT FALSE;
