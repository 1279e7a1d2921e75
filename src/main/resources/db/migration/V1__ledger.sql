-- OneStop ledger, version 1.
-- Money is BIGINT fen. Accumulators and balances change only by deltas written to a journal in
-- the same transaction, so every row can be recomputed from its journal.

CREATE TABLE institutions (
  code               VARCHAR(32)  NOT NULL PRIMARY KEY,  -- 定点医药机构编号
  name               VARCHAR(200) NOT NULL,
  level              TINYINT      NOT NULL CHECK (level BETWEEN 0 AND 3),
  grade              VARCHAR(16)  NOT NULL,
  kind               VARCHAR(16)  NOT NULL,
  tcm                BOOLEAN      NOT NULL DEFAULT FALSE,
  dual_channel       BOOLEAN      NOT NULL DEFAULT FALSE,
  outpatient_pooling BOOLEAN      NOT NULL DEFAULT FALSE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE persons (
  person_id      VARCHAR(32)  NOT NULL PRIMARY KEY,      -- 人员编号
  name           VARCHAR(100) NOT NULL,
  plan           VARCHAR(64)  NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  civil_servant  BOOLEAN      NOT NULL DEFAULT FALSE,
  medical_care   BOOLEAN      NOT NULL DEFAULT FALSE,
  cr_disabled    VARCHAR(16)  NOT NULL DEFAULT 'NONE',
  arrears        BOOLEAN      NOT NULL DEFAULT FALSE,
  benefit_start  DATE         NULL,
  birth_date     DATE         NULL,
  enrolled_on    DATE         NULL,
  student        BOOLEAN      NOT NULL DEFAULT FALSE,
  updated_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The credentials a person presents at the counter (mdtrt_cert_type 01/02/03).
CREATE TABLE credentials (
  cert_type  TINYINT      NOT NULL,                      -- 1 e-voucher, 2 ID card, 3 social security card
  cert_value VARCHAR(128) NOT NULL,
  person_id  VARCHAR(32)  NOT NULL,
  PRIMARY KEY (cert_type, cert_value),
  KEY credentials_person (person_id),
  CONSTRAINT credentials_person_fk FOREIGN KEY (person_id) REFERENCES persons (person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE assistance_identities (
  person_id  VARCHAR(32) NOT NULL,
  category   VARCHAR(32) NOT NULL,
  valid_from DATE        NOT NULL,
  valid_to   DATE        NULL,
  PRIMARY KEY (person_id, category, valid_from),
  CONSTRAINT assistance_person_fk FOREIGN KEY (person_id) REFERENCES persons (person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Personal account (个人账户): one row a person; every change has a journal entry.
CREATE TABLE accounts (
  person_id  VARCHAR(32)  NOT NULL PRIMARY KEY,
  balance    BIGINT       NOT NULL CHECK (balance >= 0),
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  CONSTRAINT accounts_person_fk FOREIGN KEY (person_id) REFERENCES persons (person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE account_journal (
  entry_id      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id     VARCHAR(32)  NOT NULL,
  kind          VARCHAR(24)  NOT NULL,                   -- OPENING, SETTLE, FAMILY_AID, REVERSE, FAMILY_AID_REVERSE
  amount        BIGINT       NOT NULL,                   -- signed: a debit is negative
  balance_after BIGINT       NOT NULL,
  settlement_id VARCHAR(40)  NULL,
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY account_journal_person (person_id, entry_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Year-to-date accumulators, one row per person, plan and year: the row a settlement locks.
CREATE TABLE accumulators (
  person_id VARCHAR(32) NOT NULL,
  plan      VARCHAR(64) NOT NULL,
  year      SMALLINT    NOT NULL,
  admissions BIGINT NOT NULL DEFAULT 0,
  inpatient_inscp BIGINT NOT NULL DEFAULT 0,
  pool_paid BIGINT NOT NULL DEFAULT 0,
  large_paid BIGINT NOT NULL DEFAULT 0,
  critical_base BIGINT NOT NULL DEFAULT 0,
  critical_paid BIGINT NOT NULL DEFAULT 0,
  outpatient_deductible_met BIGINT NOT NULL DEFAULT 0,
  outpatient_pool_paid BIGINT NOT NULL DEFAULT 0,
  subsidy_outpatient_paid BIGINT NOT NULL DEFAULT 0,
  subsidy_paid BIGINT NOT NULL DEFAULT 0,
  care_outpatient_base BIGINT NOT NULL DEFAULT 0,
  care_outpatient_paid BIGINT NOT NULL DEFAULT 0,
  observation_visits BIGINT NOT NULL DEFAULT 0,
  observation_paid BIGINT NOT NULL DEFAULT 0,
  injury_outpatient_paid BIGINT NOT NULL DEFAULT 0,
  assistance_deductible_met BIGINT NOT NULL DEFAULT 0,
  assistance_paid BIGINT NOT NULL DEFAULT 0,
  personal_burden BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, plan, year),
  CONSTRAINT accumulators_not_negative CHECK (admissions >= 0 AND inpatient_inscp >= 0 AND pool_paid >= 0 AND large_paid >= 0 AND critical_base >= 0 AND critical_paid >= 0 AND outpatient_deductible_met >= 0 AND outpatient_pool_paid >= 0 AND subsidy_outpatient_paid >= 0 AND subsidy_paid >= 0 AND care_outpatient_base >= 0 AND care_outpatient_paid >= 0 AND observation_visits >= 0 AND observation_paid >= 0 AND injury_outpatient_paid >= 0 AND assistance_deductible_met >= 0 AND assistance_paid >= 0 AND personal_burden >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Every change to an accumulator row: OPENING (imported), SETTLE (+delta), REVERSE (−delta).
CREATE TABLE accumulator_journal (
  entry_id      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  person_id     VARCHAR(32)  NOT NULL,
  plan          VARCHAR(64)  NOT NULL,
  year          SMALLINT     NOT NULL,
  kind          VARCHAR(16)  NOT NULL,
  settlement_id VARCHAR(40)  NULL,
  admissions BIGINT NOT NULL DEFAULT 0,
  inpatient_inscp BIGINT NOT NULL DEFAULT 0,
  pool_paid BIGINT NOT NULL DEFAULT 0,
  large_paid BIGINT NOT NULL DEFAULT 0,
  critical_base BIGINT NOT NULL DEFAULT 0,
  critical_paid BIGINT NOT NULL DEFAULT 0,
  outpatient_deductible_met BIGINT NOT NULL DEFAULT 0,
  outpatient_pool_paid BIGINT NOT NULL DEFAULT 0,
  subsidy_outpatient_paid BIGINT NOT NULL DEFAULT 0,
  subsidy_paid BIGINT NOT NULL DEFAULT 0,
  care_outpatient_base BIGINT NOT NULL DEFAULT 0,
  care_outpatient_paid BIGINT NOT NULL DEFAULT 0,
  observation_visits BIGINT NOT NULL DEFAULT 0,
  observation_paid BIGINT NOT NULL DEFAULT 0,
  injury_outpatient_paid BIGINT NOT NULL DEFAULT 0,
  assistance_deductible_met BIGINT NOT NULL DEFAULT 0,
  assistance_paid BIGINT NOT NULL DEFAULT 0,
  personal_burden BIGINT NOT NULL DEFAULT 0,
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  KEY accumulator_journal_row (person_id, plan, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE settlements (
  settlement_id        VARCHAR(40)  NOT NULL PRIMARY KEY,   -- 结算ID
  institution_code     VARCHAR(32)  NOT NULL,
  message_id           VARCHAR(64)  NOT NULL,
  person_id            VARCHAR(32)  NOT NULL,
  cert_type            TINYINT      NOT NULL,               -- the credential it was made with
  cert_value           VARCHAR(128) NOT NULL,
  plan                 VARCHAR(64)  NOT NULL,
  year                 SMALLINT     NOT NULL,
  settle_date          DATE         NOT NULL,
  rule_version         VARCHAR(100) NOT NULL,
  assistance_version   VARCHAR(100) NULL,
  status               VARCHAR(16)  NOT NULL,               -- SETTLED, REVERSED
  medfee_sumamt        BIGINT       NOT NULL,
  fund_pay_sumamt      BIGINT       NOT NULL,
  acct_pay             BIGINT       NOT NULL,
  psn_cash_pay         BIGINT       NOT NULL,
  own_account_debit    BIGINT       NOT NULL,
  family_person_id     VARCHAR(32)  NULL,
  family_account_debit BIGINT       NOT NULL DEFAULT 0,
  request_hash         BINARY(32)   NOT NULL,               -- SHA-256 of the request as received
  engine_input         MEDIUMTEXT   NOT NULL,               -- the split's input (person, year-to-date, lines) as JSON: re-computable
  result               MEDIUMBLOB   NOT NULL,               -- the answer as first given (onestop.v1.Settlement)
  created_at           TIMESTAMP(3) NOT NULL,
  reversal_id          VARCHAR(40)  NULL,
  reversed_at          TIMESTAMP(3) NULL,
  UNIQUE KEY settlements_message (institution_code, message_id),
  KEY settlements_institution_date (institution_code, settle_date, settlement_id),
  KEY settlements_person (person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One row per paying fund (setldetail).
CREATE TABLE settlement_funds (
  settlement_id VARCHAR(40) NOT NULL,
  fund          VARCHAR(32) NOT NULL,
  fund_type     VARCHAR(8)  NOT NULL,
  amount        BIGINT      NOT NULL CHECK (amount > 0),
  PRIMARY KEY (settlement_id, fund)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE reversals (
  reversal_id      VARCHAR(40)  NOT NULL PRIMARY KEY,
  settlement_id    VARCHAR(40)  NOT NULL,
  institution_code VARCHAR(32)  NOT NULL,
  message_id       VARCHAR(64)  NOT NULL,
  reason           VARCHAR(500) NOT NULL DEFAULT '',
  created_at       TIMESTAMP(3) NOT NULL,
  UNIQUE KEY reversals_settlement (settlement_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Exactly once: (institution, message id) of every Settle and Reverse, written in the same
-- transaction as its effects. A retry finds it; a retry with other content is refused.
CREATE TABLE idempotency_keys (
  institution_code VARCHAR(32)  NOT NULL,
  message_id       VARCHAR(64)  NOT NULL,
  operation        VARCHAR(8)   NOT NULL,                   -- SETTLE, REVERSE
  request_hash     BINARY(32)   NOT NULL,
  target_id        VARCHAR(40)  NOT NULL,                   -- settlement_id or reversal_id
  created_at       TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (institution_code, message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Rule versions as published; never updated. A node polls the generation to refresh.
CREATE TABLE rule_versions (
  version_id     VARCHAR(100) NOT NULL PRIMARY KEY,
  plan           VARCHAR(64)  NOT NULL,
  effective_from DATE         NOT NULL,
  effective_to   DATE         NULL,
  digest         CHAR(64)     NOT NULL,
  document       VARCHAR(500) NULL,
  origin         VARCHAR(200) NOT NULL,
  content        MEDIUMBLOB   NOT NULL,
  published_at   TIMESTAMP(3) NOT NULL,
  KEY rule_versions_plan (plan, effective_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE rule_generation (
  id         TINYINT NOT NULL PRIMARY KEY,
  generation BIGINT  NOT NULL
) ENGINE=InnoDB;

INSERT INTO rule_generation (id, generation) VALUES (1, 0);

CREATE TABLE audit_log (
  entry_id   BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at         TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  action     VARCHAR(32)   NOT NULL,
  subject    VARCHAR(100)  NOT NULL,
  detail     VARCHAR(1000) NOT NULL DEFAULT ''
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
