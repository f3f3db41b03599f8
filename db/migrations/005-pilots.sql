-- Harmonisation pilots (Harmonisatie): the pilot, its members, the standard versions in scope,
-- reflection moments, and the alignment grid (rows = themes, cells = row × version) with
-- classifications, decisions and comments. Rows, cells and comments carry a UUID so a colleague's
-- copy of the workspace can be merged later, matched by stable ids.

CREATE TABLE pilot (
  id                     INTEGER PRIMARY KEY,
  guid                   TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  title                  TEXT NOT NULL CHECK (length(trim(title)) > 0),
  -- JSON array of pilot kinds (horizontaal, verticaal, vereenvoudigen), checked by the service.
  kinds                  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(kinds) AND json_type(kinds) = 'array'),
  topic                  TEXT,
  origin                 TEXT NOT NULL CHECK (origin IN ('signalering', 'partner', 'opvolging')),
  phase                  TEXT NOT NULL CHECK (phase IN ('voorstel', 'gestart', 'lopend', 'geevalueerd', 'afgesloten')),
  description            TEXT,
  -- The two agreements a pilot needs before it may start (inbedding; flexibiliteit / lerend aspect).
  agreement_embedding    TEXT,
  agreement_flexibility  TEXT,
  -- Evaluation: what it brought the standard, and what the programme learned.
  evaluation_result      TEXT,
  evaluation_learning    TEXT,
  created_at             TEXT NOT NULL,
  created_by             TEXT NOT NULL,
  updated_at             TEXT NOT NULL
) STRICT;

CREATE TABLE pilot_member (
  id              INTEGER PRIMARY KEY,
  pilot_id        INTEGER NOT NULL REFERENCES pilot(id) ON DELETE CASCADE,
  name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
  -- A known organisation from the catalogue, or free text for one that is not (yet) there.
  organisation_id TEXT REFERENCES organisation(id),
  organisation    TEXT,
  perspective     TEXT NOT NULL CHECK (perspective IN ('ervaring', 'professionals', 'wijkteams', 'organisaties', 'gemeenten', 'kennis')),
  role            TEXT NOT NULL CHECK (role IN ('voorzitter', 'lid', 'secretaris', 'adviseur', 'projectleider')),
  ordinal         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX pilot_member_pilot_idx ON pilot_member (pilot_id, ordinal);

-- The standard versions in scope, in column order of the alignment grid.
CREATE TABLE pilot_version (
  pilot_id   INTEGER NOT NULL REFERENCES pilot(id) ON DELETE CASCADE,
  -- No cascade: a version in a pilot cannot be deleted out from under the grid (the service says so).
  version_id INTEGER NOT NULL REFERENCES document_version(id),
  ordinal    INTEGER NOT NULL,
  PRIMARY KEY (pilot_id, version_id)
) STRICT;
CREATE INDEX pilot_version_version_idx ON pilot_version (version_id);

CREATE TABLE pilot_reflection (
  id           INTEGER PRIMARY KEY,
  pilot_id     INTEGER NOT NULL REFERENCES pilot(id) ON DELETE CASCADE,
  held_on      TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  perspectives TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(perspectives) AND json_type(perspectives) = 'array'),
  notes        TEXT,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL
) STRICT;
CREATE INDEX pilot_reflection_pilot_idx ON pilot_reflection (pilot_id, held_on);

CREATE TABLE alignment_row (
  id                  INTEGER PRIMARY KEY,
  guid                TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  pilot_id            INTEGER NOT NULL REFERENCES pilot(id) ON DELETE CASCADE,
  ordinal             INTEGER NOT NULL,
  theme               TEXT NOT NULL CHECK (length(trim(theme)) > 0),
  -- 'voorstel': proposed by the aligner and not yet accepted; re-running the proposal replaces
  -- these. 'handmatig' (made or accepted by a person) is never touched by a proposal.
  status              TEXT NOT NULL CHECK (status IN ('voorstel', 'handmatig')),
  confidence          REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
  decision            TEXT CHECK (decision IS NULL OR decision IN ('overnemen', 'samenvoegen', 'verschil_laten', 'nader_onderzoeken')),
  -- For 'overnemen': whose wording is taken over.
  decision_version_id INTEGER REFERENCES document_version(id),
  -- The reason, the merged text, or what must be investigated.
  decision_text       TEXT,
  -- Perspectives or members that disagreed with the decision, kept on record for the report.
  decision_dissent    TEXT,
  decided_by          TEXT,
  decided_at          TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  CHECK (decision IS NOT NULL OR (decided_by IS NULL AND decided_at IS NULL)),
  CHECK (decision = 'overnemen' OR decision_version_id IS NULL)
) STRICT;
CREATE INDEX alignment_row_pilot_idx ON alignment_row (pilot_id, ordinal);

CREATE TABLE alignment_cell (
  id             INTEGER PRIMARY KEY,
  guid           TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  row_id         INTEGER NOT NULL REFERENCES alignment_row(id) ON DELETE CASCADE,
  version_id     INTEGER NOT NULL REFERENCES document_version(id),
  classification TEXT CHECK (classification IS NULL OR classification IN ('gelijk', 'aanvullend', 'verschillend', 'tegenstrijdig', 'alleen_hier', 'ontbreekt')),
  note           TEXT,
  updated_by     TEXT,
  updated_at     TEXT NOT NULL,
  UNIQUE (row_id, version_id)
) STRICT;
CREATE INDEX alignment_cell_version_idx ON alignment_cell (version_id);

-- The sections in a cell (0..n), in reading order.
CREATE TABLE alignment_cell_section (
  cell_id    INTEGER NOT NULL REFERENCES alignment_cell(id) ON DELETE CASCADE,
  section_id INTEGER NOT NULL REFERENCES section(id) ON DELETE CASCADE,
  ordinal    INTEGER NOT NULL,
  -- The aligner's confidence for this section in this cell; NULL when placed by hand.
  confidence REAL,
  PRIMARY KEY (cell_id, section_id)
) STRICT;
CREATE INDEX alignment_cell_section_section_idx ON alignment_cell_section (section_id);

-- Section pairs the user rejected: a later proposal never puts them in one row again.
CREATE TABLE alignment_rejection (
  pilot_id      INTEGER NOT NULL REFERENCES pilot(id) ON DELETE CASCADE,
  section_a     INTEGER NOT NULL REFERENCES section(id) ON DELETE CASCADE,
  section_b     INTEGER NOT NULL REFERENCES section(id) ON DELETE CASCADE,
  PRIMARY KEY (pilot_id, section_a, section_b),
  CHECK (section_a < section_b)
) STRICT;
CREATE INDEX alignment_rejection_a_idx ON alignment_rejection (section_a);
CREATE INDEX alignment_rejection_b_idx ON alignment_rejection (section_b);

CREATE TABLE alignment_comment (
  id         INTEGER PRIMARY KEY,
  guid       TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  row_id     INTEGER NOT NULL REFERENCES alignment_row(id) ON DELETE CASCADE,
  author     TEXT NOT NULL CHECK (length(trim(author)) > 0),
  body       TEXT NOT NULL CHECK (length(trim(body)) > 0),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX alignment_comment_row_idx ON alignment_comment (row_id, created_at);

-- The beter doen/laten/onderzoeken items that came out of a pilot (shown in its report).
ALTER TABLE bdl_item ADD COLUMN pilot_id INTEGER REFERENCES pilot(id) ON DELETE SET NULL;
CREATE INDEX bdl_item_pilot_idx ON bdl_item (pilot_id) WHERE pilot_id IS NOT NULL;
