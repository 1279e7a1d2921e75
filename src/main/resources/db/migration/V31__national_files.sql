-- The national file exchange (9101 upload / 9102 download): a file an institution uploaded for a
-- later transaction to name by its file_qury_no (3202's detail), or one the gateway answered with.
-- Kept until expires_at (national.file-retention-hours), then deleted by a later upload.

CREATE TABLE national_files (
  file_qury_no     VARCHAR(40)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  institution_code VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  filename         VARCHAR(200) NOT NULL,
  content          LONGBLOB     NOT NULL,
  stored_at        TIMESTAMP(3) NOT NULL,
  expires_at       TIMESTAMP(3) NOT NULL,
  KEY national_files_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
