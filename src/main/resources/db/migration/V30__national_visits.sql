-- The national platform's JSON interface (国家医保信息平台接口): what its stateful flow keeps between
-- messages. A visit (就诊, mdtrt_id) is registered (2201) or admitted (2401), its fee details uploaded
-- (2204 / 2301), then settled through the one settlement use case: the settlement itself lives in the
-- ledger (settlements, under the message's msgid), the visit only points at it. Keys the billing
-- system sends compare byte for byte, as the ledger's do (V9).

CREATE TABLE national_visits (
  mdtrt_id         VARCHAR(30)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  institution_code VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  person_id        VARCHAR(32)  NOT NULL,
  person_name      VARCHAR(100) NOT NULL,                 -- the person at registration, for answers
  person_plan      VARCHAR(64)  NOT NULL,
  person_status    VARCHAR(16)  NOT NULL,
  civil_servant    BOOLEAN      NOT NULL,
  cert_type        TINYINT      NOT NULL,                 -- the credential it was registered with
  cert_value       VARCHAR(128) NOT NULL,
  insutype         VARCHAR(6)   NOT NULL,                 -- national codes as sent
  med_type         VARCHAR(6)   NOT NULL,
  visit_type       VARCHAR(32)  NOT NULL,                 -- what med_type maps to (config/national)
  begin_time       DATETIME     NOT NULL,
  end_time         DATETIME     NULL,                     -- discharge (2402)
  status           VARCHAR(12)  NOT NULL,                 -- OPEN, DISCHARGED, CANCELLED
  -- the message settling the visit (2207 / 2304) while it does or did: the fee details are frozen
  settle_msgid     VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
  settlement_id    VARCHAR(40)  NULL,
  opened_by        VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  info             MEDIUMTEXT   NOT NULL,                 -- registration fields only kept (JSON)
  created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  UNIQUE KEY national_visits_opened (institution_code, opened_by),
  KEY national_visits_settle (institution_code, settle_msgid),
  KEY national_visits_person (person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Fee details in force; a withdrawn detail (2205 / 2302) is deleted, so its serial may come again.
CREATE TABLE national_fee_details (
  mdtrt_id         VARCHAR(30)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  feedetl_sn       VARCHAR(30)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  upload_seq       BIGINT       NOT NULL AUTO_INCREMENT,  -- the order of upload
  med_list_codg    VARCHAR(50)  NOT NULL,
  medins_list_codg VARCHAR(150) NOT NULL,
  item_name        VARCHAR(200) NOT NULL,
  unit_price       BIGINT       NOT NULL,                 -- fen
  qty              BIGINT       NOT NULL,
  amount           BIGINT       NOT NULL,                 -- fen, = unit_price × qty
  fee_time         DATETIME     NULL,
  chrg_bchno       VARCHAR(30)  NOT NULL,                 -- charge batch, '' when not sent
  uploaded_by      VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  PRIMARY KEY (mdtrt_id, feedetl_sn),
  UNIQUE KEY national_fee_details_seq (upload_seq),
  CONSTRAINT national_fee_details_visit FOREIGN KEY (mdtrt_id) REFERENCES national_visits (mdtrt_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Every national message that changes something, written PENDING before it acts: a retry is answered
-- as first answered (output), another request under a used msgid is refused, and a 2601 (冲正) voids
-- a message so that it never takes effect after.
CREATE TABLE national_messages (
  institution_code VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  msgid            VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
  infno            CHAR(4)      NOT NULL,
  digest           VARBINARY(32) NOT NULL,                -- SHA-256 of the canonical request; empty: voided unseen
  state            VARCHAR(8)   NOT NULL,                 -- PENDING, DONE, VOIDED
  business_date    DATE         NOT NULL,                 -- the gateway's date at the first arrival
  mdtrt_id         VARCHAR(30)  CHARACTER SET ascii COLLATE ascii_bin NULL,
  target_id        VARCHAR(40)  NULL,                     -- the settlement or reversal it made
  output           MEDIUMTEXT   NULL,                     -- its answer (the envelope's output), once DONE
  voided_by        VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
  created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (institution_code, msgid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
