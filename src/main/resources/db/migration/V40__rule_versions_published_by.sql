-- OneStop ledger, version 40: who published a rule version, kept with the version (it was only in the
-- audit trail, which has no index to find it by). Versions published before are given the actor of
-- their PUBLISH_RULES audit entry; one without such an entry (or published before the trail named its
-- actor) keeps NULL: not known.
ALTER TABLE rule_versions ADD COLUMN published_by VARCHAR(100) NULL;

UPDATE rule_versions v
   SET v.published_by = (SELECT NULLIF(a.actor, '') FROM audit_log a
                          WHERE a.action = 'PUBLISH_RULES' AND a.subject = v.version_id
                          ORDER BY a.entry_id LIMIT 1);
