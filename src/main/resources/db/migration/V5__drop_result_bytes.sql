-- OneStop ledger, version 5: the settlement's API message bytes are no longer kept (V4 carried every
-- row over into the domain columns of V3); new message keys are canonical by default.
ALTER TABLE settlements DROP COLUMN result;
ALTER TABLE idempotency_keys ALTER COLUMN hash_kind SET DEFAULT 'CANONICAL';
