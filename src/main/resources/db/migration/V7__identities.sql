-- OneStop ledger, version 7: who may call. A principal is a name and a role: an institution (its
-- code), a clearing node (the insured regions it serves), an administrator of the centre, an auditor.
-- A caller proves it is a principal with a client certificate signed by the gateway's CA (subject
-- CN = the principal's name) or with a bearer token. Tokens are random 256-bit values, shown once
-- and stored only as their SHA-256; revoking one is a row; a revoked certificate is a row too.
CREATE TABLE principals (
  subject          VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  role             VARCHAR(16)  NOT NULL,
  institution_code VARCHAR(32)  CHARACTER SET ascii COLLATE ascii_bin NULL,
  -- CLEARING: comma-separated 6-digit insured-region codes it serves
  regions          VARCHAR(500) CHARACTER SET ascii NOT NULL DEFAULT '',
  disabled         BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at       TIMESTAMP(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE api_tokens (
  token_id   CHAR(16)     CHARACTER SET ascii NOT NULL PRIMARY KEY,
  subject    VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  token_hash BINARY(32)   NOT NULL,
  created_at TIMESTAMP(3) NOT NULL,
  revoked_at TIMESTAMP(3) NULL,
  UNIQUE KEY api_tokens_hash (token_hash),
  KEY api_tokens_subject (subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE revoked_certificates (
  serial     VARCHAR(64)  CHARACTER SET ascii NOT NULL PRIMARY KEY,  -- hex
  subject    VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  reason     VARCHAR(200) NOT NULL DEFAULT '',
  revoked_at TIMESTAMP(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
