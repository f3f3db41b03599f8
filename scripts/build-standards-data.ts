/**
 * Builds standards-data/catalogue.json from ../shared/data/standards-catalogue.csv.
 * Every CSV row is kept; years stay empty where the source has none; the owner text is kept
 * verbatim beside the organisations recognised in it, so nothing the researchers wrote is lost.
 * Run: npm run standards-data
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import organisations from '../standards-data/organisations.json' with { type: 'json' };
import { matchOwners } from './owner-matching.js';
import { shortTitleFor, slugFor } from '../common/naming.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const csvPath = process.argv[2] ?? path.resolve(root, '../shared/data/standards-catalogue.csv');

type Row = Record<'id' | 'title' | 'type' | 'owner' | 'year_published' | 'year_revised' | 'domain' | 'topic' | 'target_users' | 'url' | 'confidence', string>;
const rows = parse(fs.readFileSync(csvPath, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Row[];

const yearOf = (value: string): number | null => (/^\d{4}$/.test(value) ? Number(value) : null);
const orEmpty = (value: string): string | null => (value === '' ? null : value);
const usedSlugs = new Set<string>();

const catalogue = rows.map((row) => {
  const yearPublished = yearOf(row.year_published);
  const yearRevised = yearOf(row.year_revised);
  if (row.year_published && yearPublished === null) throw new Error(`${row.id}: year_published "${row.year_published}"`);
  if (row.year_revised && yearRevised === null) throw new Error(`${row.id}: year_revised "${row.year_revised}"`);
  if (row.confidence !== 'verified' && row.confidence !== 'plausible') throw new Error(`${row.id}: confidence "${row.confidence}"`);
  let slug = slugFor(row.title);
  if (usedSlugs.has(slug)) slug = `${slug}-${row.id.toLowerCase()}`;
  usedSlugs.add(slug);
  return {
    id: slug,
    catalogueId: row.id,
    title: row.title,
    shortTitle: shortTitleFor(row.title),
    type: row.type,
    // A publication year is the only evidence of adoption the catalogue gives; without one the status is unknown.
    status: yearPublished !== null || yearRevised !== null ? 'vastgesteld' : 'onbekend',
    ownerText: orEmpty(row.owner),
    owners: matchOwners(row.owner, organisations),
    subsectors: row.domain.split(';').map((s) => s.trim()).filter(Boolean),
    topic: orEmpty(row.topic),
    targetUsers: orEmpty(row.target_users),
    yearPublished,
    yearRevised,
    url: orEmpty(row.url),
    confidence: row.confidence,
  };
});

fs.writeFileSync(path.join(root, 'standards-data/catalogue.json'), JSON.stringify(catalogue, null, 2) + '\n');
console.log(`standards-data/catalogue.json: ${catalogue.length} standaarden uit ${path.relative(root, csvPath)}`);
