-- The codebook (hierarchical tags) and annotations: tags on spans of section text, by author.

CREATE TABLE tag (
  id          INTEGER PRIMARY KEY,
  -- Stable across workspaces (REFI-QDA export, future merging of codebooks). Seeded tags get a
  -- guid derived from their seed key, so the same seeded tag has the same guid everywhere.
  guid        TEXT NOT NULL UNIQUE CHECK (length(guid) = 36),
  -- Deferred, like section.parent_id, so a merge or delete can re-parent in any order.
  parent_id   INTEGER REFERENCES tag(id) DEFERRABLE INITIALLY DEFERRED,
  -- '/' separates levels in a codebook path ("Leerlijnen/Informele steun"), so it cannot be in a name.
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 100 AND instr(name, '/') = 0),
  color       TEXT NOT NULL CHECK (length(color) = 7 AND color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  description TEXT,
  origin      TEXT NOT NULL CHECK (origin IN ('focus_theme', 'leerlijn', 'perspective', 'eigen', 'groep')),
  ordinal     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;

-- Sibling names are unique regardless of case. A plain UNIQUE (parent_id, name) would let any
-- number of top-level tags share a name, because NULLs are distinct in a unique constraint.
CREATE UNIQUE INDEX tag_sibling_name_idx ON tag (coalesce(parent_id, 0), name COLLATE NOCASE);
CREATE INDEX tag_parent_idx ON tag (parent_id, ordinal);

-- Which seed entries (vocabulary kind + value, or a group) the codebook seed has handed out, and
-- to which tag. A row stays when its tag is deleted or merged away (tag_id becomes NULL), so a
-- later seed never brings back a tag the user removed; a renamed or moved tag is never touched.
CREATE TABLE tag_seed (
  seed_key  TEXT PRIMARY KEY,
  tag_id    INTEGER UNIQUE REFERENCES tag(id) ON DELETE SET NULL,
  seeded_at TEXT NOT NULL
) STRICT;

CREATE TABLE annotation (
  -- A random UUID: stable when annotations of two workspaces are merged later.
  id            TEXT PRIMARY KEY CHECK (length(id) = 36),
  -- No cascade: a standard with annotations cannot be deleted by accident (there is no API for
  -- deleting standards; they are retired).
  standard_id   TEXT NOT NULL REFERENCES standard(id),
  -- NULL once the version was deleted: the annotation is then 'los' and listed for placing by hand.
  version_id    INTEGER REFERENCES document_version(id) ON DELETE SET NULL,
  -- NULL while 'los'. section_unanchor (below) handles section deletes; SET NULL is the backstop.
  section_id    INTEGER REFERENCES section(id) ON DELETE SET NULL,
  -- UTF-16 code-unit offsets into section.text (JavaScript string indices), end exclusive.
  start_offset  INTEGER,
  end_offset    INTEGER,
  quote         TEXT NOT NULL CHECK (length(quote) > 0),
  -- The quote as first made, when re-anchoring moved the annotation onto changed text.
  original_quote TEXT,
  -- Up to 40 characters of text either side, for re-anchoring a repeated quote to the right place.
  prefix        TEXT NOT NULL DEFAULT '',
  suffix        TEXT NOT NULL DEFAULT '',
  -- Where the annotation was last placed, so a 'los' one can still say where it came from.
  section_number  TEXT,
  section_heading TEXT,
  note          TEXT,
  author        TEXT NOT NULL CHECK (length(trim(author)) > 0),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  anchor_state  TEXT NOT NULL CHECK (anchor_state IN ('geplaatst', 'verplaatst', 'los')),
  -- The version it was re-anchored from by an import that replaced that version.
  anchored_from_version_id INTEGER REFERENCES document_version(id) ON DELETE SET NULL,
  CHECK ((anchor_state = 'los') = (section_id IS NULL)),
  CHECK (section_id IS NULL OR (version_id IS NOT NULL AND start_offset >= 0 AND end_offset > start_offset)),
  CHECK (section_id IS NOT NULL OR (start_offset IS NULL AND end_offset IS NULL))
) STRICT;

-- Annotations of a section in text order (reading view, structure edits).
CREATE INDEX annotation_section_idx ON annotation (section_id, start_offset);
-- Annotations of a version, per author (reading view filter, agreement, re-anchoring).
CREATE INDEX annotation_version_author_idx ON annotation (version_id, author);
-- Passages and co-occurrence filtered by standard (and author).
CREATE INDEX annotation_standard_idx ON annotation (standard_id, author);
-- The list of annotations to place by hand: few rows, so a partial index.
CREATE INDEX annotation_loose_idx ON annotation (standard_id) WHERE anchor_state = 'los';
CREATE INDEX annotation_from_version_idx ON annotation (anchored_from_version_id) WHERE anchored_from_version_id IS NOT NULL;

CREATE TABLE annotation_tag (
  annotation_id TEXT NOT NULL REFERENCES annotation(id) ON DELETE CASCADE,
  -- No cascade: deleting a tag in use needs an explicit choice about its annotations (service).
  tag_id        INTEGER NOT NULL REFERENCES tag(id),
  PRIMARY KEY (annotation_id, tag_id)
) STRICT, WITHOUT ROWID;
-- "All passages with tag X" starts here.
CREATE INDEX annotation_tag_tag_idx ON annotation_tag (tag_id, annotation_id);

-- A section that disappears (its version deleted, or a structure edit that did not move the
-- annotation first) leaves its annotations 'los' rather than deleting them: they keep quote,
-- context and tags, and are listed for placing by hand. Fires for cascaded deletes too.
CREATE TRIGGER section_unanchor BEFORE DELETE ON section BEGIN
  UPDATE annotation
     SET section_id = NULL, start_offset = NULL, end_offset = NULL, anchor_state = 'los'
   WHERE section_id = old.id;
END;

-- A deleted version: its annotations become 'los' and keep their standard, quote, context and
-- tags. BEFORE, so this runs ahead of the cascade to the sections and the SET NULL actions.
CREATE TRIGGER version_unanchor BEFORE DELETE ON document_version BEGIN
  UPDATE annotation
     SET section_id = NULL, start_offset = NULL, end_offset = NULL, anchor_state = 'los', version_id = NULL
   WHERE version_id = old.id;
END;
