-- OneStop ledger, version 3: settlements stored in domain terms.
-- Version 0.1 kept each settlement's answer as the bytes of the API message (result) and read the
-- amounts, the explanation and the accumulator delta back out of them. From here the settlement row
-- holds every setlinfo amount in its own column, the accumulator delta in d_* columns, the flags and
-- warnings and the explanation as JSON; the fund rows are written from the engine's fund payments.
-- V4 (a Java migration) fills the new columns of rows written before, from their result bytes;
-- V5 drops result.
ALTER TABLE settlements
  ADD COLUMN fulamt_ownpay_amt BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN overlmt_selfpay BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN preselfpay_amt BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN inscp_scp_amt BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN act_pay_dedc BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN hifp_pay BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN hifob_pay BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN hifmi_pay BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN cvlserv_pay BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN maf_pay BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN acct_mulaid_pay BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN psn_part_amt BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN hosp_part_amt BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN balc BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN meal_allowance BIGINT NOT NULL DEFAULT 0,
  -- JSON array of monitoring flags (A §8)
  ADD COLUMN flags VARCHAR(500) NOT NULL DEFAULT '[]',
  -- JSON array of the engine's warnings
  ADD COLUMN warnings TEXT NULL,
  -- JSON array: UNKNOWN_ITEM_CODE:…, CATEGORY_FROM_CATALOG:…
  ADD COLUMN catalog_warnings TEXT NULL,
  -- the catalog version that classified coded lines
  ADD COLUMN catalog_version VARCHAR(20) NULL,
  -- JSON: every step with its base, ratio, cap, clauses and parameters
  ADD COLUMN explanation MEDIUMTEXT NULL,
  ADD COLUMN d_admissions BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_inpatient_inscp BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_pool_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_large_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_critical_base BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_critical_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_outpatient_deductible_met BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_outpatient_pool_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_subsidy_outpatient_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_subsidy_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_care_outpatient_base BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_care_outpatient_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_observation_visits BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_observation_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_injury_outpatient_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_assistance_deductible_met BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_assistance_paid BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN d_personal_burden BIGINT NOT NULL DEFAULT 0,
  MODIFY COLUMN result MEDIUMBLOB NULL;

-- How each message key's request fingerprint was taken: keys written by version 0.1 hold the SHA-256
-- of the gRPC request's bytes (a retry across the upgrade is matched against that); new keys hold the
-- SHA-256 of the request's canonical form.
ALTER TABLE idempotency_keys
  ADD COLUMN hash_kind VARCHAR(12) NOT NULL DEFAULT 'LEGACY_WIRE';

-- The fund rows keep the order the engine gave them (pool, large-amount, critical illness, subsidy,
-- assistance, account, family account), so a settlement reads back exactly as it was answered.
ALTER TABLE settlement_funds
  ADD COLUMN seq TINYINT NOT NULL DEFAULT 0;

-- Bumped by every enrolment import that changes persons or institutions; each node polls it and
-- drops its cached institutions, so an import on one node is live on the others within the poll.
CREATE TABLE enrolment_generation (
  id         TINYINT NOT NULL PRIMARY KEY,
  generation BIGINT  NOT NULL
) ENGINE=InnoDB;

INSERT INTO enrolment_generation (id, generation) VALUES (1, 0);
