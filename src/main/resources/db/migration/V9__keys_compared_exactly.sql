-- OneStop ledger, version 9: keys compared exactly.
-- Institution codes and message ids were compared under the table default collation, which ignores
-- case and trailing spaces: message id 'P4-SAME-1' was the key of 'p4-same-1' and 'p4-same-1 ', and
-- an institution code could be stored as 'h15010500001'. The gateway now refuses any key that is not
-- in its one written form (kernel/Canonical) and the columns compare byte for byte, trailing spaces
-- included (a NO PAD binary collation). Every column compared with these is changed here too
-- (none is joined with a column of another collation), so no comparison mixes collations.
ALTER TABLE institutions
  MODIFY COLUMN code VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;

ALTER TABLE settlements
  MODIFY COLUMN institution_code VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY COLUMN message_id       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  -- one JSON string per unknown code or reclassified line: a bill of many lines outgrows TEXT's 64 KB
  MODIFY COLUMN catalog_warnings MEDIUMTEXT NULL;

ALTER TABLE idempotency_keys
  MODIFY COLUMN institution_code VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY COLUMN message_id       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;

ALTER TABLE reversals
  MODIFY COLUMN institution_code VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  MODIFY COLUMN message_id       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
