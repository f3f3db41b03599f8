-- The imported texts of standards: versions, their sections, and two full-text indexes over them.

CREATE TABLE document_version (
  id           INTEGER PRIMARY KEY,
  standard_id  TEXT NOT NULL REFERENCES standard(id) ON DELETE CASCADE,
  label        TEXT NOT NULL CHECK (length(trim(label)) > 0),
  status       TEXT NOT NULL CHECK (status IN ('gepubliceerd','concept')),
  file_name    TEXT NOT NULL,
  format       TEXT NOT NULL CHECK (format IN ('pdf','docx','html','markdown','text')),
  sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
  byte_size    INTEGER NOT NULL CHECK (byte_size >= 0),
  page_count   INTEGER CHECK (page_count IS NULL OR page_count >= 0),
  word_count   INTEGER NOT NULL DEFAULT 0 CHECK (word_count >= 0),
  warnings     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings) AND json_type(warnings) = 'array'),
  imported_at  TEXT NOT NULL,
  imported_by  TEXT NOT NULL,
  -- The same file twice for one standard is a mistake; the same file for two standards (a joint
  -- guideline) is not. The index also serves "versions of a standard".
  UNIQUE (standard_id, sha256)
) STRICT;

CREATE TABLE section (
  id          INTEGER PRIMARY KEY,
  version_id  INTEGER NOT NULL REFERENCES document_version(id) ON DELETE CASCADE,
  -- Deferred so a structure edit can delete or re-parent sections in any order inside its
  -- transaction; the commit still refuses a parent that does not exist.
  parent_id   INTEGER REFERENCES section(id) DEFERRABLE INITIALLY DEFERRED,
  -- 0-based reading order within the version.
  ordinal     INTEGER NOT NULL,
  level       INTEGER NOT NULL CHECK (level >= 1),
  number      TEXT,
  heading     TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('chapter','section','recommendation','rationale','other')),
  -- The importer's blocks (JSON), kept so merge and split work on structure rather than on text;
  -- text and html are derived from them by Richtsnoer.
  blocks      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(blocks)),
  text        TEXT NOT NULL DEFAULT '',
  html        TEXT NOT NULL DEFAULT '',
  page_start  INTEGER CHECK (page_start IS NULL OR page_start >= 1),
  page_end    INTEGER CHECK (page_end IS NULL OR page_start IS NULL OR page_end >= page_start)
) STRICT;

CREATE UNIQUE INDEX section_version_ordinal_idx ON section(version_id, ordinal);
-- Without it every section delete would scan the table for children (the parent_id foreign key).
CREATE INDEX section_parent_idx ON section(parent_id);

-- Two indexes over the same columns. Words (diacritics folded: "coordinatie" finds "coördinatie")
-- rank whole-word hits; trigrams find parts of Dutch compounds ("begeleiding" in
-- "ouderbegeleiding"). Both read their text from section (external content), so the text is
-- stored once; the triggers below keep them in step with every write, whoever makes it.
CREATE VIRTUAL TABLE section_word USING fts5(
  heading, text,
  content = 'section', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE section_trigram USING fts5(
  heading, text,
  content = 'section', content_rowid = 'id',
  tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER section_fts_insert AFTER INSERT ON section BEGIN
  INSERT INTO section_word (rowid, heading, text) VALUES (new.id, new.heading, new.text);
  INSERT INTO section_trigram (rowid, heading, text) VALUES (new.id, new.heading, new.text);
END;

-- External-content FTS5 must be told the old values to remove their tokens.
CREATE TRIGGER section_fts_delete AFTER DELETE ON section BEGIN
  INSERT INTO section_word (section_word, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text);
  INSERT INTO section_trigram (section_trigram, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text);
END;

-- Only heading and text are indexed: re-levelling and re-numbering sections leave the indexes alone.
CREATE TRIGGER section_fts_update AFTER UPDATE OF heading, text ON section BEGIN
  INSERT INTO section_word (section_word, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text);
  INSERT INTO section_trigram (section_trigram, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text);
  INSERT INTO section_word (rowid, heading, text) VALUES (new.id, new.heading, new.text);
  INSERT INTO section_trigram (rowid, heading, text) VALUES (new.id, new.heading, new.text);
END;

-- Largest file an import accepts, in bytes (100 MiB); changed with settings.setImportLimit.
INSERT INTO setting (key, value) VALUES ('import.maxBytes', '104857600') ON CONFLICT (key) DO NOTHING;
