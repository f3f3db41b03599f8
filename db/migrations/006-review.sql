-- Vertical harmonisation chains (recommendation → precondition → level → status, owner, evidence)
-- and review rounds on drafts (commentaarrondes): invited organisations, comments on passages,
-- the working group's answers, and the comment tables they were imported from. Rows a colleague's
-- copy of the workspace could bring in (recommendations, links, evidence, comments, answers) carry
-- a UUID, so workspaces can be merged later by stable ids. Value lists match common/review.ts.

CREATE TABLE chain_recommendation (
  id          INTEGER PRIMARY KEY,
  guid        TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  -- The standard the recommendation is from; a pilot's chain may hold recommendations of several
  -- standards (standard_id set) or ones the working group wrote itself (standard_id NULL).
  standard_id TEXT REFERENCES standard(id),
  pilot_id    INTEGER REFERENCES pilot(id) ON DELETE CASCADE,
  -- The recommendation's passage. SET NULL keeps the row (and its text) when the version goes.
  version_id  INTEGER REFERENCES document_version(id) ON DELETE SET NULL,
  section_id  INTEGER REFERENCES section(id) ON DELETE SET NULL,
  -- "Aanbeveling 3" / "4.2.1" and the text as taken over, so the chain reads without its version.
  label       TEXT,
  text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
  ordinal     INTEGER NOT NULL CHECK (ordinal >= 0),
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  -- No check tying section_id to version_id: deleting a version sets both to NULL, in either order.
  CHECK (standard_id IS NOT NULL OR pilot_id IS NOT NULL)
) STRICT;
CREATE INDEX chain_recommendation_standard_idx ON chain_recommendation (standard_id, ordinal) WHERE standard_id IS NOT NULL;
CREATE INDEX chain_recommendation_pilot_idx ON chain_recommendation (pilot_id, ordinal) WHERE pilot_id IS NOT NULL;
CREATE INDEX chain_recommendation_version_idx ON chain_recommendation (version_id) WHERE version_id IS NOT NULL;
CREATE INDEX chain_recommendation_section_idx ON chain_recommendation (section_id) WHERE section_id IS NOT NULL;

CREATE TABLE chain_link (
  id                    INTEGER PRIMARY KEY,
  guid                  TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  recommendation_id     INTEGER NOT NULL REFERENCES chain_recommendation(id) ON DELETE CASCADE,
  ordinal               INTEGER NOT NULL CHECK (ordinal >= 0),
  precondition_kind     TEXT NOT NULL CHECK (precondition_kind IN ('tijd', 'scholing', 'caseload', 'registratie', 'financiering', 'data', 'samenwerkingsafspraken', 'overig')),
  precondition          TEXT NOT NULL CHECK (length(trim(precondition)) > 0),
  level                 TEXT NOT NULL CHECK (level IN ('professional', 'team', 'organisatie', 'wijkteam', 'gemeente_inkoop', 'landelijk')),
  status                TEXT NOT NULL CHECK (status IN ('geregeld', 'knelpunt', 'onbekend')),
  -- Who must arrange it: an organisation of the catalogue, or words ("de regio Rijnmond").
  owner                 TEXT,
  owner_organisation_id TEXT REFERENCES organisation(id),
  note                  TEXT,
  created_at            TEXT NOT NULL,
  created_by            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  updated_by            TEXT NOT NULL
) STRICT;
CREATE INDEX chain_link_recommendation_idx ON chain_link (recommendation_id, ordinal);
-- The programme-wide knelpunten per level start here.
CREATE INDEX chain_link_status_level_idx ON chain_link (status, level);
CREATE INDEX chain_link_owner_idx ON chain_link (owner_organisation_id) WHERE owner_organisation_id IS NOT NULL;

-- Addressees of a link's signal (0..n): a table rather than JSON, because the overview counts per addressee.
CREATE TABLE chain_link_addressee (
  link_id   INTEGER NOT NULL REFERENCES chain_link(id) ON DELETE CASCADE,
  addressee TEXT NOT NULL CHECK (addressee IN ('rijk', 'gemeenten', 'branches', 'beroepsverenigingen', 'clientorganisaties', 'kennisinstituten')),
  PRIMARY KEY (link_id, addressee)
) STRICT, WITHOUT ROWID;
CREATE INDEX chain_link_addressee_idx ON chain_link_addressee (addressee, link_id);

CREATE TABLE chain_evidence (
  id              INTEGER PRIMARY KEY,
  guid            TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  link_id         INTEGER NOT NULL REFERENCES chain_link(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('kader', 'passage', 'inkoop', 'tekst')),
  -- kader: the framework of the catalogue; passage: the standard the passage is from.
  standard_id     TEXT REFERENCES standard(id),
  version_id      INTEGER REFERENCES document_version(id) ON DELETE SET NULL,
  section_id      INTEGER REFERENCES section(id) ON DELETE SET NULL,
  start_offset    INTEGER,
  end_offset      INTEGER,
  quote           TEXT,
  -- Snapshots, so a passage whose section is gone still says what it was.
  version_label   TEXT,
  section_number  TEXT,
  section_heading TEXT,
  reference       TEXT,
  text            TEXT,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  CHECK (kind <> 'kader' OR standard_id IS NOT NULL),
  CHECK (kind <> 'passage' OR (standard_id IS NOT NULL AND length(quote) > 0)),
  CHECK (kind NOT IN ('inkoop', 'tekst') OR length(trim(coalesce(reference, '') || coalesce(text, ''))) > 0),
  CHECK (section_id IS NULL OR kind = 'passage'),
  -- No offsets: the whole section is the passage.
  CHECK (start_offset IS NULL OR (kind = 'passage' AND start_offset >= 0 AND end_offset > start_offset))
) STRICT;
CREATE INDEX chain_evidence_link_idx ON chain_evidence (link_id);
CREATE INDEX chain_evidence_standard_idx ON chain_evidence (standard_id) WHERE standard_id IS NOT NULL;
CREATE INDEX chain_evidence_version_idx ON chain_evidence (version_id) WHERE version_id IS NOT NULL;
CREATE INDEX chain_evidence_section_idx ON chain_evidence (section_id) WHERE section_id IS NOT NULL;

-- A comment round on a draft version of a standard (or on a pilot's harmonised text).
CREATE TABLE review_round (
  id                  INTEGER PRIMARY KEY,
  guid                TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
  standard_id         TEXT NOT NULL REFERENCES standard(id),
  pilot_id            INTEGER REFERENCES pilot(id) ON DELETE SET NULL,
  -- The draft. SET NULL (with the label kept) so deleting a version never deletes a round's comments.
  version_id          INTEGER REFERENCES document_version(id) ON DELETE SET NULL,
  version_label       TEXT NOT NULL,
  -- What the draft is compared with, and the version the working group's changes went into.
  previous_version_id INTEGER REFERENCES document_version(id) ON DELETE SET NULL,
  next_version_id     INTEGER REFERENCES document_version(id) ON DELETE SET NULL,
  status              TEXT NOT NULL CHECK (status IN ('voorbereiding', 'open', 'gesloten')),
  opens_on            TEXT CHECK (opens_on IS NULL OR opens_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  deadline            TEXT CHECK (deadline IS NULL OR deadline GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  description         TEXT,
  -- The highest comment number handed out, so a deleted comment's number is never given again.
  last_nr             INTEGER NOT NULL DEFAULT 0 CHECK (last_nr >= 0),
  created_at          TEXT NOT NULL,
  created_by          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  CHECK (previous_version_id IS NULL OR previous_version_id IS NOT version_id),
  CHECK (next_version_id IS NULL OR next_version_id IS NOT version_id),
  CHECK (deadline IS NULL OR opens_on IS NULL OR deadline >= opens_on)
) STRICT;
CREATE INDEX review_round_standard_idx ON review_round (standard_id, created_at);
CREATE INDEX review_round_pilot_idx ON review_round (pilot_id) WHERE pilot_id IS NOT NULL;
CREATE INDEX review_round_version_idx ON review_round (version_id) WHERE version_id IS NOT NULL;
CREATE INDEX review_round_previous_idx ON review_round (previous_version_id) WHERE previous_version_id IS NOT NULL;
CREATE INDEX review_round_next_idx ON review_round (next_version_id) WHERE next_version_id IS NOT NULL;

CREATE TABLE review_invitation (
  id              INTEGER PRIMARY KEY,
  guid            TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  round_id        INTEGER NOT NULL REFERENCES review_round(id) ON DELETE CASCADE,
  organisation_id TEXT REFERENCES organisation(id),
  -- The name as shown and exported (the catalogue name, or as typed for an organisation not in it).
  name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
  contact         TEXT,
  status          TEXT NOT NULL CHECK (status IN ('uitgenodigd', 'gereageerd', 'geen_reactie')),
  invited_at      TEXT NOT NULL,
  responded_at    TEXT,
  CHECK (status = 'gereageerd' OR responded_at IS NULL)
) STRICT;
-- One invitation per organisation per round, whatever the case of its name.
CREATE UNIQUE INDEX review_invitation_name_idx ON review_invitation (round_id, name COLLATE NOCASE);
CREATE UNIQUE INDEX review_invitation_round_org_idx ON review_invitation (round_id, organisation_id) WHERE organisation_id IS NOT NULL;
CREATE INDEX review_invitation_organisation_idx ON review_invitation (organisation_id) WHERE organisation_id IS NOT NULL;

-- A comment table read in; the same file twice into one round would duplicate every comment.
CREATE TABLE review_import (
  id          INTEGER PRIMARY KEY,
  round_id    INTEGER NOT NULL REFERENCES review_round(id) ON DELETE CASCADE,
  file_name   TEXT NOT NULL CHECK (length(trim(file_name)) > 0),
  format      TEXT NOT NULL CHECK (format IN ('docx', 'csv')),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  row_count   INTEGER NOT NULL CHECK (row_count >= 0),
  warnings    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings) AND json_type(warnings) = 'array'),
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  UNIQUE (round_id, sha256)
) STRICT;

CREATE TABLE review_comment (
  id              INTEGER PRIMARY KEY,
  guid            TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  round_id        INTEGER NOT NULL REFERENCES review_round(id) ON DELETE CASCADE,
  -- The number in the comment table ("zie opmerking 12"): never reused or renumbered within a round.
  nr              INTEGER NOT NULL CHECK (nr >= 1),
  -- No cascade: an organisation that commented cannot be taken off the round (the service says so).
  invitation_id   INTEGER NOT NULL REFERENCES review_invitation(id),
  author          TEXT,
  type            TEXT NOT NULL CHECK (type IN ('inhoudelijk', 'redactioneel', 'akkoord', 'bezwaar')),
  body            TEXT NOT NULL CHECK (length(trim(body)) > 0),
  -- A passage of the draft (UTF-16 offsets into section.text, end exclusive), like annotations.
  section_id      INTEGER REFERENCES section(id) ON DELETE SET NULL,
  start_offset    INTEGER,
  end_offset      INTEGER,
  quote           TEXT,
  section_number  TEXT,
  section_heading TEXT,
  -- Or a free reference, as imported comment tables give it ("H3, r. 120-125").
  reference       TEXT,
  import_id       INTEGER REFERENCES review_import(id) ON DELETE SET NULL,
  source_row      INTEGER,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (round_id, nr),
  CHECK (section_id IS NULL OR (start_offset >= 0 AND end_offset > start_offset AND length(quote) > 0))
) STRICT;
CREATE INDEX review_comment_invitation_idx ON review_comment (invitation_id);
CREATE INDEX review_comment_section_idx ON review_comment (section_id) WHERE section_id IS NOT NULL;
CREATE INDEX review_comment_import_idx ON review_comment (import_id) WHERE import_id IS NOT NULL;

-- The working group's answer to a comment (at most one; a comment without one is unanswered).
CREATE TABLE review_response (
  id                     INTEGER PRIMARY KEY,
  guid                   TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  comment_id             INTEGER NOT NULL UNIQUE REFERENCES review_comment(id) ON DELETE CASCADE,
  response               TEXT NOT NULL CHECK (length(trim(response)) > 0),
  disposition            TEXT NOT NULL CHECK (disposition IN ('overgenomen', 'deels_overgenomen', 'niet_overgenomen', 'kennisgenomen')),
  motivation             TEXT,
  -- The change made, and where it is in the next version (a section, optionally an exact span).
  change_text            TEXT,
  change_version_id      INTEGER REFERENCES document_version(id) ON DELETE SET NULL,
  change_section_id      INTEGER REFERENCES section(id) ON DELETE SET NULL,
  change_start           INTEGER,
  change_end             INTEGER,
  change_quote           TEXT,
  change_version_label   TEXT,
  change_section_number  TEXT,
  change_section_heading TEXT,
  answered_by            TEXT NOT NULL,
  answered_at            TEXT NOT NULL,
  CHECK (disposition NOT IN ('deels_overgenomen', 'niet_overgenomen') OR length(trim(coalesce(motivation, ''))) > 0),
  CHECK (change_start IS NULL OR (change_start >= 0 AND change_end > change_start AND length(change_quote) > 0))
) STRICT;
CREATE INDEX review_response_version_idx ON review_response (change_version_id) WHERE change_version_id IS NOT NULL;
CREATE INDEX review_response_section_idx ON review_response (change_section_id) WHERE change_section_id IS NOT NULL;
