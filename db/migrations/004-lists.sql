-- The "beter doen / beter laten / beter onderzoeken" lists: list versions and their items, links
-- from items to passages in standards, dialogue sessions, and Delphi-style voting rounds.

CREATE TABLE bdl_list (
  id               INTEGER PRIMARY KEY,
  -- The first version's id; every later version of the list shares it. Deferred, so the first
  -- version can name itself in the same statement that creates it.
  series_id        INTEGER NOT NULL REFERENCES bdl_list(id) DEFERRABLE INITIALLY DEFERRED,
  title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
  version_label    TEXT NOT NULL CHECK (length(trim(version_label)) > 0),
  status           TEXT NOT NULL CHECK (status IN ('concept', 'in_consultatie', 'vastgesteld', 'gearchiveerd')),
  -- The version this one was copied from; kept (as NULL) should that version ever be removed.
  previous_list_id INTEGER REFERENCES bdl_list(id) ON DELETE SET NULL,
  description      TEXT,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;
-- Two versions of one list with the same label would be indistinguishable in exports.
CREATE UNIQUE INDEX bdl_list_series_label_idx ON bdl_list (series_id, version_label COLLATE NOCASE);
CREATE INDEX bdl_list_previous_idx ON bdl_list (previous_list_id) WHERE previous_list_id IS NOT NULL;

CREATE TABLE bdl_item (
  id                 INTEGER PRIMARY KEY,
  list_id            INTEGER NOT NULL REFERENCES bdl_list(id) ON DELETE CASCADE,
  -- A UUID shared by the copies of one item in all versions of a list: what the diff matches on.
  item_key           TEXT NOT NULL CHECK (length(item_key) = 36),
  category           TEXT NOT NULL CHECK (category IN ('beter_doen', 'beter_laten', 'beter_onderzoeken')),
  ordinal            INTEGER NOT NULL CHECK (ordinal >= 0),
  statement          TEXT NOT NULL CHECK (length(trim(statement)) > 0),
  rationale          TEXT,
  -- JSON arrays of fixed values (checked by the service); few values, never queried on.
  evidence_types     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence_types) AND json_type(evidence_types) = 'array'),
  target_group       TEXT,
  setting            TEXT,
  use_contexts       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(use_contexts) AND json_type(use_contexts) = 'array'),
  status             TEXT NOT NULL CHECK (status IN ('concept', 'besproken', 'vastgesteld', 'vervallen')),
  knowledge_question TEXT,
  client_wording     TEXT,
  -- Perspectives that did not agree in the last closed round that voted on this item. Stored (not
  -- derived from votes) so a new list version keeps the disagreement on record with the copy.
  dissent            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(dissent) AND json_type(dissent) = 'array'),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  UNIQUE (list_id, item_key)
) STRICT;
-- A list's items in their groups and order (the list view, exports).
CREATE INDEX bdl_item_list_idx ON bdl_item (list_id, category, ordinal);

CREATE TABLE bdl_item_link (
  id              INTEGER PRIMARY KEY,
  item_id         INTEGER NOT NULL REFERENCES bdl_item(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('annotatie', 'passage')),
  -- An annotation link follows its annotation (re-anchoring moves the annotation row, not its id).
  -- NULL once the annotation was deleted: the link is then reported as broken, never dropped.
  annotation_id   TEXT REFERENCES annotation(id) ON DELETE SET NULL,
  standard_id     TEXT NOT NULL REFERENCES standard(id),
  version_id      INTEGER REFERENCES document_version(id) ON DELETE SET NULL,
  section_id      INTEGER REFERENCES section(id) ON DELETE SET NULL,
  start_offset    INTEGER,
  end_offset      INTEGER,
  -- Snapshots of what was linked, so a link whose target is gone still says what it pointed at.
  quote           TEXT NOT NULL CHECK (length(quote) > 0),
  version_label   TEXT,
  section_number  TEXT,
  section_heading TEXT,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  CHECK (kind = 'annotatie' OR annotation_id IS NULL),
  CHECK (start_offset IS NULL OR (start_offset >= 0 AND end_offset > start_offset))
) STRICT;
CREATE INDEX bdl_item_link_item_idx ON bdl_item_link (item_id);
-- The same annotation twice on one item is a mistake.
CREATE UNIQUE INDEX bdl_item_link_annotation_idx ON bdl_item_link (annotation_id, item_id) WHERE annotation_id IS NOT NULL;
-- ON DELETE SET NULL of section_id and version_id look links up by these.
CREATE INDEX bdl_item_link_section_idx ON bdl_item_link (section_id) WHERE section_id IS NOT NULL;
CREATE INDEX bdl_item_link_version_idx ON bdl_item_link (version_id) WHERE version_id IS NOT NULL;

-- When an annotation is moved (re-anchoring, placing by hand, structure edits), the snapshot of
-- its links follows, so the text kept after a later delete is the text as last placed.
CREATE TRIGGER annotation_link_follow AFTER UPDATE OF quote, version_id, section_id, section_number, section_heading ON annotation
WHEN new.section_id IS NOT NULL BEGIN
  UPDATE bdl_item_link
     SET quote = new.quote,
         version_id = new.version_id,
         section_id = new.section_id,
         start_offset = new.start_offset,
         end_offset = new.end_offset,
         section_number = new.section_number,
         section_heading = new.section_heading,
         version_label = (SELECT label FROM document_version WHERE id = new.version_id)
   WHERE annotation_id = new.id;
END;

CREATE TABLE bdl_item_leerlijn (
  item_id  INTEGER NOT NULL REFERENCES bdl_item(id) ON DELETE CASCADE,
  -- A value of the 'leerlijn' vocabulary (checked by the service: vocabulary's key is (kind, value)).
  leerlijn TEXT NOT NULL,
  PRIMARY KEY (item_id, leerlijn)
) STRICT, WITHOUT ROWID;

CREATE TABLE dialogue_session (
  id         INTEGER PRIMARY KEY,
  list_id    INTEGER NOT NULL REFERENCES bdl_list(id) ON DELETE CASCADE,
  date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX dialogue_session_list_idx ON dialogue_session (list_id, date);

CREATE TABLE dialogue_delegate (
  id           INTEGER PRIMARY KEY,
  session_id   INTEGER NOT NULL REFERENCES dialogue_session(id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
  perspective  TEXT NOT NULL CHECK (perspective IN ('ervaring', 'professionals', 'wijkteams', 'organisaties', 'gemeenten', 'kennis')),
  organisation TEXT
) STRICT;
CREATE UNIQUE INDEX dialogue_delegate_name_idx ON dialogue_delegate (session_id, name COLLATE NOCASE);

CREATE TABLE dialogue_note (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES dialogue_session(id) ON DELETE CASCADE,
  -- No cascade: an item that was discussed is not deleted (it is set to 'vervallen'), so the
  -- record of the dialogue stays complete.
  item_id    INTEGER NOT NULL REFERENCES bdl_item(id),
  note       TEXT NOT NULL CHECK (length(trim(note)) > 0),
  change     TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX dialogue_note_session_idx ON dialogue_note (session_id, id);
CREATE INDEX dialogue_note_item_idx ON dialogue_note (item_id);

CREATE TABLE voting_round (
  id                   INTEGER PRIMARY KEY,
  list_id              INTEGER NOT NULL REFERENCES bdl_list(id) ON DELETE CASCADE,
  number               INTEGER NOT NULL CHECK (number >= 1),
  title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
  -- The consensus rule, as columns so a bad rule cannot be stored.
  min_agree            REAL NOT NULL CHECK (min_agree >= 0 AND min_agree <= 1),
  require_median_agree INTEGER NOT NULL CHECK (require_median_agree IN (0, 1)),
  per_perspective      INTEGER NOT NULL CHECK (per_perspective IN (0, 1)),
  status               TEXT NOT NULL CHECK (status IN ('open', 'gesloten')),
  -- The round whose items without consensus this one took over.
  carry_over_from      INTEGER REFERENCES voting_round(id) ON DELETE SET NULL,
  created_at           TEXT NOT NULL,
  created_by           TEXT NOT NULL,
  closed_at            TEXT,
  CHECK ((status = 'gesloten') = (closed_at IS NOT NULL)),
  UNIQUE (list_id, number)
) STRICT;

CREATE TABLE voting_round_item (
  round_id INTEGER NOT NULL REFERENCES voting_round(id) ON DELETE CASCADE,
  -- Cascade only matters for an item without votes (the service refuses to delete voted items).
  item_id  INTEGER NOT NULL REFERENCES bdl_item(id) ON DELETE CASCADE,
  ordinal  INTEGER NOT NULL,
  PRIMARY KEY (round_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX voting_round_item_item_idx ON voting_round_item (item_id);

CREATE TABLE vote (
  id          INTEGER PRIMARY KEY,
  round_id    INTEGER NOT NULL,
  -- No cascade from the item: votes are the record of the Delphi rounds.
  item_id     INTEGER NOT NULL REFERENCES bdl_item(id),
  -- NOCASE: "Anna" and "anna" are one delegate, so a second vote replaces the first.
  delegate    TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(delegate)) > 0),
  perspective TEXT NOT NULL CHECK (perspective IN ('ervaring', 'professionals', 'wijkteams', 'organisaties', 'gemeenten', 'kennis')),
  vote        TEXT NOT NULL CHECK (vote IN ('eens', 'neutraal', 'oneens')),
  comment     TEXT,
  voted_at    TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  -- A vote is only on an item of its round.
  FOREIGN KEY (round_id, item_id) REFERENCES voting_round_item(round_id, item_id) ON DELETE CASCADE,
  UNIQUE (round_id, item_id, delegate)
) STRICT;
-- The foreign key from bdl_item (item deletes check for votes) and "votes on this item".
CREATE INDEX vote_item_idx ON vote (item_id);
