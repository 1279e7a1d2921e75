-- OneStop ledger, version 10: the regions and codes of clearing (POLICY §11).
-- A person's insured region (参保地, insuplc_admdvs, 6-digit admin-division code); the import takes it
-- from the file or, when the file leaves it out, from the person's plan (centre rules, insured_regions).
-- A settlement records the insured region, the treating region (就医地, mdtrtarea_admvs: the
-- institution's region), the clearing category (LOCAL, IN_PROVINCE, CROSS_PROVINCE), the clearing
-- type clr_type (11 outpatient, 21 inpatient, 41 pharmacy) and the insurance type insutype (310
-- employee basic, 390 resident basic). V11 (a Java migration) derives them for the rows that exist;
-- V12 makes them required.
ALTER TABLE persons
  ADD COLUMN insuplc_admdvs CHAR(6) CHARACTER SET ascii NULL AFTER plan;

ALTER TABLE settlements
  ADD COLUMN insuplc_admdvs  CHAR(6)     CHARACTER SET ascii NULL,
  ADD COLUMN mdtrtarea_admvs CHAR(6)     CHARACTER SET ascii NULL,
  ADD COLUMN clr_category    VARCHAR(16) CHARACTER SET ascii NULL,
  ADD COLUMN clr_type        CHAR(2)     CHARACTER SET ascii NULL,
  ADD COLUMN insutype        CHAR(3)     CHARACTER SET ascii NULL;
