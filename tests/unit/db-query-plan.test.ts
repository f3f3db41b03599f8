import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open.js';
import { listAudit, writeAudit } from '../../db/queries/audit.js';
import { insertVersion } from '../../db/queries/documents.js';
import { getStandard, standardIdsForOrganisation, standardIdsForSubsector, standardIdsOfType } from '../../db/queries/standards.js';
import { invokeApi } from '../../electron/api.js';
import { searchSections, searchTuning } from '../../electron/services/search.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { seededWorkspace, type TestWorkspace } from '../helpers/test-db.js';

interface Captured {
  sql: string;
  params: unknown[];
}

/**
 * Runs fn and records every statement it executes with its parameters, by wrapping db.prepare on
 * this one connection. The plans below are then of the exact SQL the app runs, not a copy of it.
 */
function captureQueries<T>(db: Db, fn: () => T): { result: T; queries: Captured[] } {
  const queries: Captured[] = [];
  const original = Object.getPrototypeOf(db).prepare as Db['prepare'];
  const prepare = (source: string) => {
    const statement = original.call(db, source);
    for (const name of ['all', 'get', 'run', 'iterate'] as const) {
      const run = (statement[name] as (...args: unknown[]) => unknown).bind(statement);
      Object.defineProperty(statement, name, {
        value: (...params: unknown[]) => {
          queries.push({ sql: source, params });
          return run(...params);
        },
      });
    }
    return statement;
  };
  Object.defineProperty(db, 'prepare', { value: prepare, configurable: true, writable: true });
  try {
    return { result: fn(), queries };
  } finally {
    Reflect.deleteProperty(db, 'prepare');
  }
}

function planOf(db: Db, query: Captured): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as Array<{ detail: string }>).map((r) => r.detail);
}

const isFullScan = (detail: string) => /^SCAN /.test(detail);

const data = loadStandardsData();
let ws: TestWorkspace;
let sampleId: string;

beforeAll(() => {
  ws = seededWorkspace();
  sampleId = data.standards[10]?.id ?? '';
  // A realistic audit log: many entities, so a scan would really cost something.
  const insert = ws.db.transaction(() => {
    for (let i = 0; i < 3000; i++) {
      const standard = data.standards[i % data.standards.length];
      writeAudit(ws.db, { actor: 'test', action: 'gewijzigd', entity: i % 3 === 0 ? 'pilot' : 'standard', entityId: standard?.id ?? 'x', details: { i } }, `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`);
    }
  });
  insert();
});
afterAll(() => ws.cleanup());

describe('query plans of the hot catalogue queries', () => {
  it('the indexes exist', () => {
    const names = (ws.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(['standard_organisation_org_idx', 'standard_subsector_sub_idx', 'standard_type_idx', 'audit_log_entity_idx']),
    );
  });

  it('standards by organisation use standard_organisation_org_idx', () => {
    const { result, queries } = captureQueries(ws.db, () => standardIdsForOrganisation(ws.db, 'nji'));
    const expected = [...new Set(data.standards.filter((s) => s.owners.some((o) => o.organisationId === 'nji')).map((s) => s.id))];
    expect([...result].sort()).toEqual([...expected].sort());
    expect(result.length).toBeGreaterThan(5);
    expect(queries).toHaveLength(1);
    const plan = planOf(ws.db, queries[0] as Captured);
    expect(plan.join('\n')).toMatch(/SEARCH standard_organisation USING (COVERING )?INDEX standard_organisation_org_idx \(organisation_id=\?\)/);
    expect(plan.filter(isFullScan)).toEqual([]);
  });

  it('standards by subsector use standard_subsector_sub_idx', () => {
    const { result, queries } = captureQueries(ws.db, () => standardIdsForSubsector(ws.db, 'JGZ'));
    const expected = data.standards.filter((s) => s.subsectors.includes('JGZ')).map((s) => s.id).sort();
    expect(result).toEqual(expected);
    expect(result.length).toBeGreaterThan(10);
    expect(queries).toHaveLength(1);
    const plan = planOf(ws.db, queries[0] as Captured);
    expect(plan.join('\n')).toMatch(/SEARCH standard_subsector USING (COVERING )?INDEX standard_subsector_sub_idx \(subsector=\?\)/);
    expect(plan.filter(isFullScan)).toEqual([]);
  });

  it('standards by type use standard_type_idx', () => {
    const { result, queries } = captureQueries(ws.db, () => standardIdsOfType(ws.db, 'zorgstandaard'));
    const expected = data.standards.filter((s) => s.type === 'zorgstandaard').map((s) => s.id).sort();
    expect(result).toEqual(expected);
    expect(result).toHaveLength(12);
    expect(queries).toHaveLength(1);
    const plan = planOf(ws.db, queries[0] as Captured);
    expect(plan.join('\n')).toMatch(/SEARCH standard USING (COVERING )?INDEX standard_type_idx \(type=\?\)/);
    expect(plan.filter(isFullScan)).toEqual([]);
  });

  it('the audit log of one entity uses audit_log_entity_idx, already in id order', () => {
    const { result, queries } = captureQueries(ws.db, () => listAudit(ws.db, { entity: 'standard', entityId: sampleId, limit: 50 }));
    const expectedCount = (ws.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'standard' AND entity_id = ?").get(sampleId) as { n: number }).n;
    expect(expectedCount).toBeGreaterThan(5);
    expect(result).toHaveLength(Math.min(50, expectedCount));
    expect(result.every((e) => e.entity === 'standard' && e.entityId === sampleId)).toBe(true);
    const ids = result.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    expect(queries).toHaveLength(1);
    const plan = planOf(ws.db, queries[0] as Captured);
    expect(plan.join('\n')).toMatch(/SEARCH audit_log USING (COVERING )?INDEX audit_log_entity_idx \(entity=\? AND entity_id=\?\)/);
    expect(plan.filter(isFullScan)).toEqual([]);
    // The index ends in id, so "newest first" needs no sort step.
    expect(plan.some((d) => d.includes('TEMP B-TREE'))).toBe(false);
  });

  it('the api method audit.list runs the same indexed query', () => {
    const { result, queries } = captureQueries(ws.db, () => invokeApi(ws.api, 'audit.list', { entity: 'standard', entityId: sampleId, limit: 5 }));
    expect(result.ok).toBe(true);
    const audit = queries.filter((q) => /FROM audit_log/.test(q.sql));
    expect(audit).toHaveLength(1);
    expect(planOf(ws.db, audit[0] as Captured).join('\n')).toMatch(/audit_log_entity_idx/);
  });

  it('opening one standard never scans a table', () => {
    const { result, queries } = captureQueries(ws.db, () => getStandard(ws.db, sampleId));
    expect(result?.id).toBe(sampleId);
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const query of queries) {
      const plan = planOf(ws.db, query);
      expect({ sql: query.sql.trim().slice(0, 80), scans: plan.filter(isFullScan) }).toEqual({ sql: query.sql.trim().slice(0, 80), scans: [] });
    }
  });
});

describe('query plans of full-text search', () => {
  it('never hands FTS5 a list of rowids and never joins section per match', () => {
    // Two standards: the first with whole-word and compound hits, the second with compound hits only,
    // so every statement of a search runs: word ranks, both trigram passes, the ranks of the
    // second standard's compound hits, snippets and highlights.
    const [first, second] = data.standards.map((s) => s.id);
    const paragraph = (text: string) => ({ type: 'paragraph' as const, text });
    const section = (heading: string, text: string) => ({ level: 1, number: null, heading, kind: 'section' as const, blocks: [paragraph(text)], pageStart: null, pageEnd: null });
    const version = (standardId: string, sha: string, status: 'gepubliceerd' | 'concept') => ({ standardId, label: 'plan', status, fileName: 'plan.md', format: 'markdown' as const, sha256: sha.repeat(64), byteSize: 1, pageCount: null, wordCount: 1, warnings: [], importedAt: '2026-01-01T00:00:00.000Z', importedBy: 'test' });
    insertVersion(ws.db, version(first ?? '', 'a', 'gepubliceerd'), [section('Medicatie', 'De medicatie wordt besproken.'), section('Gebruik', 'Het medicatiegebruik van de jeugdige.'), section('Evaluatie', 'De medicatie wordt geëvalueerd.')]);
    insertVersion(ws.db, version(second ?? '', 'b', 'concept'), [section('Gebruik', 'Het medicatiegebruik in de klas.')]);

    const { result, queries } = captureQueries(ws.db, () => searchSections(ws.db, { query: 'de medicatie', limit: 2 }));
    expect(result.totalHits).toBe(4);
    expect(result.groups.map((g) => [g.standardId, g.totalHits, g.hits.length])).toEqual([
      [first, 3, 1],
      [second, 1, 1],
    ]);
    // With a filter, ranking is limited to the sections in scope (through the version index).
    const filtered = captureQueries(ws.db, () => searchSections(ws.db, { query: 'medicatie', versionStatus: 'gepubliceerd', limit: 1 }));
    expect(filtered.result.totalHits).toBe(3);
    // The other two paths: compound hits ranked from estimates (from 1,000 hits on; here forced),
    // and a part that is not plain ASCII, which goes to the trigram index instead of the vocabulary.
    const estimateFrom = searchTuning.estimateFrom;
    searchTuning.estimateFrom = 0;
    let estimated: { result: ReturnType<typeof searchSections>; queries: Captured[] };
    try {
      estimated = captureQueries(ws.db, () => searchSections(ws.db, { query: 'de medicatie', limit: 2 }));
    } finally {
      searchTuning.estimateFrom = estimateFrom;
    }
    expect(estimated.result.totalHits).toBe(4);
    const trigram = captureQueries(ws.db, () => searchSections(ws.db, { query: 'medicatieß', limit: 2 }));
    const all = [...queries, ...filtered.queries, ...estimated.queries, ...trigram.queries];
    const fts = all.filter((q) => /section_(word|trigram) MATCH/.test(q.sql));
    expect(fts.length).toBeGreaterThanOrEqual(10);
    expect(fts.some((q) => /section_trigram MATCH/.test(q.sql))).toBe(true);
    for (const query of fts) {
      const plan = planOf(ws.db, query);
      const sql = query.sql.replace(/\s+/g, ' ').trim().slice(0, 120);
      // '=' in FTS5's index string is a rowid constraint: the MATCH runs once per listed id, which
      // took minutes for "in school" over 4 million words.
      expect({ sql, rowidLookups: plan.filter((d) => /VIRTUAL TABLE INDEX \d+:\S*=/.test(d)) }).toEqual({ sql, rowidLookups: [] });
      expect({ sql, sectionJoin: plan.filter((d) => /SEARCH s USING INTEGER PRIMARY KEY/.test(d)) }).toEqual({ sql, sectionJoin: [] });
      expect({ sql, scans: plan.filter((d) => /^SCAN section\b/.test(d)) }).toEqual({ sql, scans: [] });
    }
    expect(fts.some((q) => /version_id IN/.test(q.sql))).toBe(true);
  });
});
