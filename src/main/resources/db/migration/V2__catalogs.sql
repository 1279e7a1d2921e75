-- OneStop ledger, version 2: medical catalogs (三目录: drugs, services and facilities, consumables)
-- and the catalog region of each institution.

-- The catalog region (统筹区 / 就医地) of an institution: the treating region whose catalog
-- classifies its bills, also for patients from other regions. Rows that exist before this
-- migration, and rows inserted without a region, get it from the institution code: national codes
-- are a letter, the 6-digit region code of the county, then a serial; characters 2..5 with "00"
-- give the prefecture-level region (H15010500001 -> 150100 Hohhot, H15030300001 -> 150300 Wuhai,
-- H15040200001 -> 150400 Chifeng).
ALTER TABLE institutions
  ADD COLUMN region CHAR(6) NOT NULL DEFAULT (CONCAT(SUBSTRING(code, 2, 4), '00'));

-- The items of one catalog, stored once however many versions use them: a version of another
-- region or date with the same items shares the set. digest = SHA-256 of the items in canonical
-- form (see cn.onestop.catalog.CatalogItem#canonical). Written in the transaction that publishes
-- the first version using it, never changed afterwards.
CREATE TABLE catalog_item_sets (
  set_id     INT          NOT NULL AUTO_INCREMENT PRIMARY KEY,
  digest     CHAR(64)     CHARACTER SET ascii NOT NULL,
  items      INT          NOT NULL,
  created_at TIMESTAMP(3) NOT NULL,
  UNIQUE KEY catalog_item_sets_digest (digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE catalog_items (
  set_id        INT          NOT NULL,
  code          VARCHAR(50)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,  -- national code, upper case
  name          VARCHAR(200) NOT NULL,
  kind          VARCHAR(16)  NOT NULL,                      -- DRUG, SERVICE, FACILITY, CONSUMABLE
  category      VARCHAR(16)  NOT NULL,                      -- A, B, BLOOD, CONSUMABLE, BED, SELF
  price_limit   BIGINT       NULL CHECK (price_limit >= 0), -- fen per unit; NULL = no limit
  self_ratio_bp SMALLINT     NULL CHECK (self_ratio_bp BETWEEN 0 AND 10000),  -- CONSUMABLE only
  tcm_drug      BOOLEAN      NOT NULL DEFAULT FALSE,
  PRIMARY KEY (set_id, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Catalog versions as published: never updated, never deleted. In force from effective_from to
-- effective_to, or, when that is open, until the region's next version starts.
CREATE TABLE catalog_versions (
  version_id     VARCHAR(20)  CHARACTER SET ascii NOT NULL PRIMARY KEY,  -- REGION@effective_from
  region         CHAR(6)      CHARACTER SET ascii NOT NULL,
  effective_from DATE         NOT NULL,
  effective_to   DATE         NULL,
  set_id         INT          NOT NULL,
  source         VARCHAR(200) NOT NULL,                     -- the imported file's name
  published_at   TIMESTAMP(3) NOT NULL,
  UNIQUE KEY catalog_versions_region (region, effective_from),
  CONSTRAINT catalog_versions_set_fk FOREIGN KEY (set_id) REFERENCES catalog_item_sets (set_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Bumped by every publish; a node polls it to refresh its index of versions. Its row lock also
-- serializes imports.
CREATE TABLE catalog_generation (
  id         TINYINT NOT NULL PRIMARY KEY,
  generation BIGINT  NOT NULL
) ENGINE=InnoDB;

INSERT INTO catalog_generation (id, generation) VALUES (1, 0);
