-- The catalogue of quality standards: organisations, vocabularies, standards and the audit log.
CREATE TABLE organisation (
  id            TEXT PRIMARY KEY,
  abbreviation  TEXT,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  perspective   TEXT,
  from_seed     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE vocabulary (
  kind        TEXT NOT NULL,
  value       TEXT NOT NULL,
  label       TEXT NOT NULL,
  description TEXT,
  ordinal     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, value)
) STRICT;

CREATE TABLE standard (
  id              TEXT PRIMARY KEY,
  -- The researched catalogue's own id (KS001…); NULL for standards a user added.
  catalogue_id    TEXT UNIQUE,
  title           TEXT NOT NULL,
  short_title     TEXT,
  type            TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('concept','vastgesteld','in_herziening','vervallen','onbekend')),
  owner_text      TEXT,
  topic           TEXT,
  target_users    TEXT,
  knowledge_basis TEXT NOT NULL DEFAULT '[]',
  year_published  INTEGER CHECK (year_published IS NULL OR year_published BETWEEN 1900 AND 2100),
  year_revised    INTEGER CHECK (year_revised IS NULL OR year_revised BETWEEN 1900 AND 2100),
  url             TEXT,
  confidence      TEXT NOT NULL CHECK (confidence IN ('verified','plausible')),
  source          TEXT NOT NULL,
  notes           TEXT,
  retired_at      TEXT,
  retired_reason  TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  -- Seeding compares seed_hash to decide whether a seeded row may be refreshed; a user edit sets
  -- user_modified so a later seed never overwrites it.
  seed_hash       TEXT,
  user_modified   INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX standard_type_idx ON standard(type);
CREATE INDEX standard_status_idx ON standard(status);
CREATE INDEX standard_year_idx ON standard(year_published);

CREATE TABLE standard_organisation (
  standard_id     TEXT NOT NULL REFERENCES standard(id) ON DELETE CASCADE,
  organisation_id TEXT NOT NULL REFERENCES organisation(id),
  role            TEXT NOT NULL CHECK (role IN ('ontwikkelaar','autoriserend','beheerder','eigenaar')),
  PRIMARY KEY (standard_id, organisation_id, role)
) STRICT;
CREATE INDEX standard_organisation_org_idx ON standard_organisation(organisation_id, standard_id);

CREATE TABLE standard_subsector (
  standard_id TEXT NOT NULL REFERENCES standard(id) ON DELETE CASCADE,
  subsector   TEXT NOT NULL,
  PRIMARY KEY (standard_id, subsector)
) STRICT;
CREATE INDEX standard_subsector_sub_idx ON standard_subsector(subsector, standard_id);

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  details   TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_log_entity_idx ON audit_log(entity, entity_id, id);

CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
