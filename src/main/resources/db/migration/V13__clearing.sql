-- OneStop ledger, version 13: what the clearing side records. Every row is written once; only a
-- clearing application's status moves (and a clearing node's confirmations go by a rollback).

-- 日结: an institution's accounting day (the local date things were committed), frozen when closed.
CREATE TABLE day_closes (
  institution_code VARCHAR(32)  NOT NULL,
  acct_day         DATE         NOT NULL,
  closed_at        TIMESTAMP(3) NOT NULL,
  settlements      INT          NOT NULL,
  reversals        INT          NOT NULL,
  PRIMARY KEY (institution_code, acct_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The day by insurance type x clearing type x clearing category: counts and net totals, fen.
CREATE TABLE day_close_groups (
  institution_code VARCHAR(32) NOT NULL,
  acct_day         DATE        NOT NULL,
  insutype         CHAR(3)     CHARACTER SET ascii NOT NULL,
  clr_type         CHAR(2)     CHARACTER SET ascii NOT NULL,
  clr_category     VARCHAR(16) CHARACTER SET ascii NOT NULL,
  settlements      INT         NOT NULL,
  reversals        INT         NOT NULL,
  medfee_sumamt    BIGINT      NOT NULL,
  fund_pay_sumamt  BIGINT      NOT NULL,
  acct_pay         BIGINT      NOT NULL,
  psn_cash_pay     BIGINT      NOT NULL,
  PRIMARY KEY (institution_code, acct_day, insutype, clr_type, clr_category)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Each group's funds (national fund type codes): net count of entries and net amount, fen.
CREATE TABLE day_close_funds (
  institution_code VARCHAR(32) NOT NULL,
  acct_day         DATE        NOT NULL,
  insutype         CHAR(3)     CHARACTER SET ascii NOT NULL,
  clr_type         CHAR(2)     CHARACTER SET ascii NOT NULL,
  clr_category     VARCHAR(16) CHARACTER SET ascii NOT NULL,
  fund_type        VARCHAR(8)  CHARACTER SET ascii NOT NULL,
  cnt              INT         NOT NULL,
  amount           BIGINT      NOT NULL,
  PRIMARY KEY (institution_code, acct_day, insutype, clr_type, clr_category, fund_type)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 月结算单 (E §50): issued once the month is over, fixed from then on.
CREATE TABLE statements (
  institution_code VARCHAR(32)  NOT NULL,
  setlym           CHAR(6)      CHARACTER SET ascii NOT NULL,
  issued_at        TIMESTAMP(3) NOT NULL,
  settlements      INT          NOT NULL,
  reversals        INT          NOT NULL,
  medfee_sumamt    BIGINT       NOT NULL,
  fund_pay_sumamt  BIGINT       NOT NULL,
  acct_pay         BIGINT       NOT NULL,
  psn_cash_pay     BIGINT       NOT NULL,
  centre_rules     VARCHAR(100) NULL,            -- the centre rules version of the advance
  PRIMARY KEY (institution_code, setlym)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE statement_funds (
  institution_code VARCHAR(32) NOT NULL,
  setlym           CHAR(6)     CHARACTER SET ascii NOT NULL,
  fund_type        VARCHAR(8)  CHARACTER SET ascii NOT NULL,
  cnt              INT         NOT NULL,
  amount           BIGINT      NOT NULL,
  PRIMARY KEY (institution_code, setlym, fund_type)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The advance on a plan's general inpatient pool spending and the part withheld (E §50, §61).
CREATE TABLE statement_advances (
  institution_code       VARCHAR(32)  NOT NULL,
  setlym                 CHAR(6)      CHARACTER SET ascii NOT NULL,
  plan                   VARCHAR(64)  NOT NULL,
  general_inpatient_pool BIGINT       NOT NULL,
  advance_param          VARCHAR(100) NOT NULL,
  advance_bp             INT          NOT NULL,
  advance_source         VARCHAR(200) NOT NULL,
  advance_basis          VARCHAR(16)  NOT NULL,
  advanced               BIGINT       NOT NULL,
  withheld               BIGINT       NOT NULL,
  PRIMARY KEY (institution_code, setlym, plan)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 对总账 (3201): each reconciliation's outcome; a clearing application needs a complete, balanced one
-- of its whole month.
CREATE TABLE totals_reconciliations (
  reconciliation_id VARCHAR(40)  NOT NULL PRIMARY KEY,
  institution_code  VARCHAR(32)  NOT NULL,
  from_day          DATE         NOT NULL,
  to_day            DATE         NOT NULL,
  complete          BOOLEAN      NOT NULL,   -- every day of the range was over
  balanced          BOOLEAN      NOT NULL,
  rows_total        INT          NOT NULL,
  rows_differing    INT          NOT NULL,
  created_at        TIMESTAMP(3) NOT NULL,
  KEY totals_reconciliations_range (institution_code, from_day, to_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 异地清分确认 (3261): the rows of an insured region's monthly extract its clearing node confirmed.
CREATE TABLE clearing_confirmations (
  insuplc_admdvs  CHAR(6)      CHARACTER SET ascii NOT NULL,
  setlym          CHAR(6)      CHARACTER SET ascii NOT NULL,
  setl_id         VARCHAR(40)  NOT NULL,
  fund_pay_sumamt BIGINT       NOT NULL,
  confirmed_at    TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (insuplc_admdvs, setlym, setl_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 清算申请 (3203) and its withdrawal (3204). live_key is set while the application is APPLIED or
-- ACCEPTED and NULL once WITHDRAWN: at most one live application per institution, type and month.
CREATE TABLE clearing_applications (
  application_id   VARCHAR(40)  NOT NULL PRIMARY KEY,
  institution_code VARCHAR(32)  NOT NULL,
  clr_type         CHAR(2)      CHARACTER SET ascii NOT NULL,
  setlym           CHAR(6)      CHARACTER SET ascii NOT NULL,
  status           VARCHAR(16)  NOT NULL,
  live_key         VARCHAR(48)  NULL,
  settlements      INT          NOT NULL,
  reversals        INT          NOT NULL,
  medfee_sumamt    BIGINT       NOT NULL,
  fund_appy_sum    BIGINT       NOT NULL,
  acct_pay         BIGINT       NOT NULL,
  psn_cash_pay     BIGINT       NOT NULL,
  applied_at       TIMESTAMP(3) NOT NULL,
  withdrawn_at     TIMESTAMP(3) NULL,
  accepted_at      TIMESTAMP(3) NULL,
  UNIQUE KEY clearing_applications_live (live_key),
  KEY clearing_applications_institution (institution_code, setlym)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
