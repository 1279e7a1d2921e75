-- OneStop ledger, version 6: the audit trail says who, in which role, with what outcome and under which
-- request id, and is hash-chained: each writer appends to a chain of its own (a worker thread of one
-- gateway process: no lock is shared between transactions), every row carrying the hash of the row
-- before it in its chain and its place (seq, from 1). `onestop audit` recomputes every chain and
-- reports an edited row (its hash no longer matches) or a deleted one (a gap in seq, or a broken link).
-- Rows written before this version stay as they were, outside any chain.
ALTER TABLE audit_log
  ADD COLUMN actor      VARCHAR(100) NOT NULL DEFAULT '',
  ADD COLUMN role       VARCHAR(16)  NOT NULL DEFAULT '',
  ADD COLUMN outcome    VARCHAR(40)  NOT NULL DEFAULT 'OK',
  ADD COLUMN request_id VARCHAR(64)  NOT NULL DEFAULT '',
  ADD COLUMN chain_id   CHAR(24)     CHARACTER SET ascii NULL,
  ADD COLUMN chain_seq  BIGINT       NULL,
  ADD COLUMN prev_hash  BINARY(32)   NULL,
  ADD COLUMN row_hash   BINARY(32)   NULL,
  ADD UNIQUE KEY audit_log_chain (chain_id, chain_seq);
