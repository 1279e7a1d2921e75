-- OneStop ledger, version 12: every person has an insured region and every settlement its clearing
-- fields (V11 derived them for the rows written before); the indexes that clearing reads by.
ALTER TABLE persons
  MODIFY COLUMN insuplc_admdvs CHAR(6) CHARACTER SET ascii NOT NULL,
  ADD KEY persons_insured_region (insuplc_admdvs);

ALTER TABLE settlements
  MODIFY COLUMN insuplc_admdvs  CHAR(6)     CHARACTER SET ascii NOT NULL,
  MODIFY COLUMN mdtrtarea_admvs CHAR(6)     CHARACTER SET ascii NOT NULL,
  MODIFY COLUMN clr_category    VARCHAR(16) CHARACTER SET ascii NOT NULL,
  MODIFY COLUMN clr_type        CHAR(2)     CHARACTER SET ascii NOT NULL,
  MODIFY COLUMN insutype        CHAR(3)     CHARACTER SET ascii NOT NULL,
  -- an institution's accounting days and months (daily close, statement, reconciliation), covering
  -- what clearing reads of a settlement: a month's reconciliation reads the index alone, never the
  -- wide rows (their stored input and explanation)
  ADD KEY settlements_institution_created (institution_code, created_at, person_id, message_id, plan,
    insuplc_admdvs, mdtrtarea_admvs, clr_category, clr_type, insutype, medfee_sumamt, fund_pay_sumamt, acct_pay,
    psn_cash_pay, hifp_pay),
  -- a clearing node's extract: the settlements of its insured regions, by month
  ADD KEY settlements_insured_created (insuplc_admdvs, created_at);

ALTER TABLE reversals
  ADD KEY reversals_institution_created (institution_code, created_at),
  ADD KEY reversals_created (created_at);
