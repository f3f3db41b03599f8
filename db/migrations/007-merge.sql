-- Stable ids for merging a colleague's copy of the workspace (electron/services/merge/): the rows
-- that had none get a `guid`, matched across workspaces like tag.guid, pilot.guid and the review
-- tables' guids. Rows with a natural key need none: bdl_item (list, item_key), votes (round, item,
-- delegate), members and delegates (by name), a round's items, links and imports.
--
-- Existing rows get a guid DERIVED from the row (its id, a table code and its created_at to the
-- millisecond), not a random one: a colleague's project file made from a copy of this workspace
-- before this migration is migrated separately, on its own copy, and must come out with the same
-- guids for the same rows, or merging would duplicate them. Independently made rows differ in id
-- or creation time. Rows made after this migration get a random UUID from the triggers below, so
-- no service has to remember to set one. (SQLite cannot add a NOT NULL column without a constant
-- default; the triggers are what guarantees a value.)

ALTER TABLE bdl_list ADD COLUMN guid TEXT CHECK (guid IS NULL OR length(guid) = 36);
ALTER TABLE voting_round ADD COLUMN guid TEXT CHECK (guid IS NULL OR length(guid) = 36);
ALTER TABLE dialogue_session ADD COLUMN guid TEXT CHECK (guid IS NULL OR length(guid) = 36);
ALTER TABLE dialogue_note ADD COLUMN guid TEXT CHECK (guid IS NULL OR length(guid) = 36);
ALTER TABLE pilot_reflection ADD COLUMN guid TEXT CHECK (guid IS NULL OR length(guid) = 36);

-- 8-4-4-4-12 hex digits: id (its low 32 bits), a table code, then created_at (yyyymmddhhmmssSSS) as a 64-bit number.
UPDATE bdl_list SET guid = printf('%08x-%04x-%04x-8000-%012x', id & 4294967295, 1,
  (CAST(replace(replace(replace(replace(replace(created_at, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '') AS INTEGER) >> 48) & 65535,
  CAST(replace(replace(replace(replace(replace(created_at, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '') AS INTEGER) & 281474976710655);
UPDATE voting_round SET guid = printf('%08x-%04x-%04x-8000-%012x', id & 4294967295, 2,
  (CAST(replace(replace(replace(replace(replace(created_at, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '') AS INTEGER) >> 48) & 65535,
  CAST(replace(replace(replace(replace(replace(created_at, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '') AS INTEGER) & 281474976710655);
UPDATE dialogue_session SET guid = printf('%08x-%04x-%04x-8000-%012x', id & 4294967295, 3,
  (CAST(replace(replace(replace(replace(replace(created_at, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '') AS INTEGER) >> 48) & 65535,
  CAST(replace(replace(replace(replace(replace(created_at, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '') AS INTEGER) & 281474976710655);
UPDATE dialogue_note SET guid = printf('%08x-%04x-%04x-8000-%012x', id & 4294967295, 4,
  (CAST(replace(replace(replace(replace(replace(created_at, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '') AS INTEGER) >> 48) & 65535,
  CAST(replace(replace(replace(replace(replace(created_at, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '') AS INTEGER) & 281474976710655);
UPDATE pilot_reflection SET guid = printf('%08x-%04x-%04x-8000-%012x', id & 4294967295, 5,
  (CAST(replace(replace(replace(replace(replace(created_at, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '') AS INTEGER) >> 48) & 65535,
  CAST(replace(replace(replace(replace(replace(created_at, '-', ''), ':', ''), 'T', ''), '.', ''), 'Z', '') AS INTEGER) & 281474976710655);

CREATE UNIQUE INDEX bdl_list_guid_idx ON bdl_list (guid);
CREATE UNIQUE INDEX voting_round_guid_idx ON voting_round (guid);
CREATE UNIQUE INDEX dialogue_session_guid_idx ON dialogue_session (guid);
CREATE UNIQUE INDEX dialogue_note_guid_idx ON dialogue_note (guid);
CREATE UNIQUE INDEX pilot_reflection_guid_idx ON pilot_reflection (guid);

-- A random (version 4) UUID for every new row that does not bring its own (a merge brings theirs).
CREATE TRIGGER bdl_list_guid AFTER INSERT ON bdl_list WHEN new.guid IS NULL BEGIN
  UPDATE bdl_list SET guid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = new.id;
END;
CREATE TRIGGER voting_round_guid AFTER INSERT ON voting_round WHEN new.guid IS NULL BEGIN
  UPDATE voting_round SET guid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = new.id;
END;
CREATE TRIGGER dialogue_session_guid AFTER INSERT ON dialogue_session WHEN new.guid IS NULL BEGIN
  UPDATE dialogue_session SET guid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = new.id;
END;
CREATE TRIGGER dialogue_note_guid AFTER INSERT ON dialogue_note WHEN new.guid IS NULL BEGIN
  UPDATE dialogue_note SET guid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = new.id;
END;
CREATE TRIGGER pilot_reflection_guid AFTER INSERT ON pilot_reflection WHEN new.guid IS NULL BEGIN
  UPDATE pilot_reflection SET guid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE id = new.id;
END;
