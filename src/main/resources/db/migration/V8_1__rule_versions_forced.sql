-- OneStop ledger, version 8.1: a rule version published over dates that already had settlements of
-- its plan (which the publisher must force, with a written reason) keeps that reason.
ALTER TABLE rule_versions ADD COLUMN forced_reason VARCHAR(500) NULL;
