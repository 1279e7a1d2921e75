-- OneStop ledger, version 6: the audit trail says who, in which role, with what outcome and under which
-- request id, and is hash-chained: each writer appends to a chain of its own (a worker thread of one
-- gateway process: no lock is shared between transactions), every row carrying the hash of the row
-- before it in its chain and its place (seq, from 1); the chain's last place and hash are kept in
-- audit_chains, moved in the same transaction. `onestop audit` recomputes every chain and reports an
-- edited row (its hash no longer matches), a deleted one (a gap, a broken link, or a chain shorter
-- than its register says) and rows of a chain never registered. Rows written before this version
-- stay as they were, outside any chain.
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

CREATE TABLE audit_chains (
  chain_id   CHAR(24)     CHARACTER SET ascii NOT NULL PRIMARY KEY,
  origin     VARCHAR(200) NOT NULL,        -- the process and thread that wrote it
  started_at TIMESTAMP(3) NOT NULL,
  last_seq   BIGINT       NOT NULL,
  last_hash  BINARY(32)   NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
