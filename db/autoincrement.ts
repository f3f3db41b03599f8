import type { Db } from './open.js';

/**
 * Rebuilds every table whose key is `id INTEGER PRIMARY KEY` as `id INTEGER PRIMARY KEY
 * AUTOINCREMENT`, so an id is never handed out twice.
 *
 * Why: without AUTOINCREMENT SQLite gives a new row max(id) + 1, so deleting the newest row (a
 * merged section, a deleted tag or version) and then creating another reuses its id. The audit
 * log, alignment rejections and review comments keep ids after the row is gone; a reused id makes
 * that history point at the wrong thing. The kill -9 harness found it: a merge audit entry for
 * section 2 matched two different sections.
 *
 * This is SQLite's documented table rebuild (create new, copy, drop, rename), done generically from
 * sqlite_schema: the CREATE text is kept word for word apart from the keyword, rows keep their
 * ids, and each table's own indexes and triggers are created again from their stored SQL. It must
 * run inside a transaction with foreign_keys OFF (the runner does that and then runs
 * foreign_key_check), and with legacy_alter_table ON so the rename leaves references in other
 * tables (REFERENCES x, trigger bodies, FTS5 content='x') pointing at the name, which is the new
 * table once it is renamed.
 */
export function rebuildWithAutoincrement(db: Db): string[] {
  const tables = db
    // pragma_table_list tells FTS5's shadow tables (which keep their own ids) from ordinary ones.
    .prepare(
      `SELECT s.name, s.sql FROM sqlite_schema s JOIN pragma_table_list t ON t.schema = 'main' AND t.name = s.name
        WHERE s.type = 'table' AND t.type = 'table' AND s.name NOT LIKE 'sqlite_%' ORDER BY s.name`,
    )
    .all() as Array<{ name: string; sql: string }>;
  const rebuilt: string[] = [];
  const legacy = db.pragma('legacy_alter_table', { simple: true }) as number;
  db.pragma('legacy_alter_table = ON');
  try {
    for (const table of tables) {
      const key = INTEGER_ID_KEY.exec(table.sql);
      if (!key || /\bAUTOINCREMENT\b/i.test(table.sql)) continue;
      const temporary = `${table.name}__autoincrement`;
      const createNew =
        table.sql.slice(0, key.index).replace(/^CREATE TABLE\s+("?)[A-Za-z0-9_]+\1/i, `CREATE TABLE "${temporary}"`) +
        `${key[0]} AUTOINCREMENT` +
        table.sql.slice(key.index + key[0].length);
      // Indexes made by UNIQUE/PRIMARY KEY constraints have no SQL and come back with the table.
      const dependents = db
        .prepare("SELECT type, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name")
        .all(table.name) as Array<{ type: string; sql: string }>;
      const columns = (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table.name) as Array<{ name: string }>).map((c) => `"${c.name}"`).join(', ');
      db.exec(createNew);
      db.exec(`INSERT INTO "${temporary}" (${columns}) SELECT ${columns} FROM "${table.name}"`);
      db.exec(`DROP TABLE "${table.name}"`);
      db.exec(`ALTER TABLE "${temporary}" RENAME TO "${table.name}"`);
      for (const dependent of dependents) db.exec(dependent.sql);
      rebuilt.push(table.name);
    }
    retireAuditedIds(db, rebuilt);
  } finally {
    db.pragma(`legacy_alter_table = ${legacy ? 'ON' : 'OFF'}`);
  }
  return rebuilt;
}

/**
 * The copy sets each table's sequence to its highest id now, but an id freed before the upgrade
 * (the newest row deleted) would still be handed out once more. The audit log remembers such
 * ids: an entry's entity is the table name, and structure edits name sections in details.sectionId.
 */
function retireAuditedIds(db: Db, tables: string[]): void {
  const setSequence = db.prepare('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?');
  const addSequence = db.prepare('INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)');
  const highestAudited = db.prepare("SELECT max(CAST(entity_id AS INTEGER)) FROM audit_log WHERE entity = ? AND entity_id GLOB '[0-9]*' AND entity_id NOT GLOB '*[^0-9]*'").pluck();
  const highestSection = db.prepare("SELECT max(j.value) FROM audit_log a, json_tree(a.details) j WHERE a.entity = 'document_version' AND j.key = 'sectionId' AND j.type = 'integer'").pluck();
  for (const table of tables) {
    const audited = [highestAudited.get(table), table === 'section' ? highestSection.get() : null].filter((n): n is number => typeof n === 'number');
    if (audited.length === 0) continue;
    const highest = Math.max(...audited);
    addSequence.run(table, highest, table);
    setSequence.run(highest, table);
  }
}

/** The column definition `id INTEGER PRIMARY KEY` at the start of a line or after "(" or ",". */
const INTEGER_ID_KEY = /(?<=[(,\n]\s*)id\s+INTEGER\s+PRIMARY\s+KEY(?!\s+AUTOINCREMENT)/i;
