/**
 * The chain as a table (CSV, DOCX) and as a section of the harmonisation report. All three come
 * from the same rows and the same overview, so they always say the same thing.
 */
import { slugFor } from '../../common/naming.js';
import {
  ADDRESSEE_LABEL,
  CHAIN_LEVEL_LABEL,
  CHAIN_STATUS_LABEL,
  PRECONDITION_KIND_LABEL,
  plural,
  type Chain,
  type ChainRecommendation,
  type ReportBlock,
  type ReportSection,
} from '../../common/review.js';
import type { BinaryExportFile } from '../../common/lists.js';
import type { ExportFile } from '../../common/tags.js';
import type { Db } from '../../db/open.js';
import { readChain } from './chains.js';
import { CSV_MIME, toCsv } from './csv.js';
import { DOCX_MIME } from './docx-pack.js';
import { reportSectionDocx } from './report-section-docx.js';

type Scope = { standardId?: string | undefined; pilotId?: number | undefined };

export const CHAIN_COLUMNS = ['Aanbeveling', 'Standaard', 'Soort randvoorwaarde', 'Randvoorwaarde', 'Niveau', 'Adressaten', 'Status', 'Eigenaar', 'Bewijs', 'Toelichting'] as const;

const recommendationText = (r: ChainRecommendation) => (r.label && !r.text.startsWith(r.label) ? `${r.label}: ${r.text}` : r.text);

/** One row per precondition; a recommendation without any gets one row, so it is not lost from the table. */
export function chainRows(chain: Chain): string[][] {
  return chain.recommendations.flatMap((r) => {
    const standard = r.standardTitle ?? '';
    if (r.links.length === 0) return [[recommendationText(r), standard, '', '(nog geen randvoorwaarden)', '', '', '', '', '', '']];
    return r.links.map((l) => [
      recommendationText(r),
      standard,
      PRECONDITION_KIND_LABEL[l.preconditionKind],
      l.precondition,
      CHAIN_LEVEL_LABEL[l.level],
      l.addressees.map((a) => ADDRESSEE_LABEL[a]).join(', '),
      CHAIN_STATUS_LABEL[l.status],
      l.ownerLabel ?? '',
      l.evidence.map((e) => e.summary).join(' | '),
      l.note ?? '',
    ]);
  });
}

function summary(chain: Chain): string {
  const links = chain.recommendations.reduce((n, r) => n + r.links.length, 0);
  const s = chain.overview.statusCounts;
  if (chain.recommendations.length === 0) return 'Er zijn nog geen aanbevelingen in deze keten opgenomen.';
  return (
    `Voor ${plural(chain.recommendations.length, 'aanbeveling', 'aanbevelingen')} zijn ${plural(links, 'randvoorwaarde', 'randvoorwaarden')} beschreven: ` +
    `${s.geregeld} geregeld, ${s.knelpunt} ${s.knelpunt === 1 ? 'knelpunt' : 'knelpunten'} en ${s.onbekend} onbekend.`
  );
}

/** The chain of a standard or pilot (or, without scope, of the whole programme) for the harmonisation report. */
export function chainReportSection(db: Db, scope: Scope): ReportSection {
  const chain = readChain(db, scope);
  const o = chain.overview;
  const linkLine = (l: (typeof o.perLevel)[number]['links'][number]) =>
    `${l.precondition} (${PRECONDITION_KIND_LABEL[l.preconditionKind].toLowerCase()}${l.standardTitle && !scope.standardId ? `; ${l.standardTitle}` : ''}${l.owner ? `; eigenaar: ${l.owner}` : ''})`;
  const perLevel: ReportBlock = {
    kind: 'table',
    caption: 'Knelpunten per niveau',
    columns: ['Niveau', 'Aantal', 'Knelpunten'],
    rows: o.perLevel.map((p) => [CHAIN_LEVEL_LABEL[p.level], String(p.count), p.links.map(linkLine).join('; ')]),
  };
  const perAddressee: ReportBlock = {
    kind: 'table',
    caption: 'Knelpunten per adressaat',
    columns: ['Adressaat', 'Aantal', 'Knelpunten'],
    rows: o.perAddressee.map((p) => [p.addressee ? ADDRESSEE_LABEL[p.addressee] : 'Geen adressaat', String(p.count), p.links.map(linkLine).join('; ')]),
  };
  const procurement = chain.recommendations
    .filter((r) => r.procurement.length > 0)
    .map((r) => `${recommendationText(r)} — ${r.procurement.map((p) => `${p.clause} (${CHAIN_STATUS_LABEL[p.status].toLowerCase()})`).join('; ')}`);
  return {
    title: `Keten: ${chain.scope.title}`,
    blocks: [
      { kind: 'paragraph', text: summary(chain) },
      ...(chain.recommendations.length ? [{ kind: 'table', caption: 'Aanbevelingen en hun randvoorwaarden', columns: [...CHAIN_COLUMNS], rows: chainRows(chain) } as ReportBlock] : []),
    ],
    subsections: [
      {
        title: 'Knelpunten',
        blocks: [
          { kind: 'paragraph', text: o.total === 0 ? 'Er zijn geen knelpunten vastgelegd.' : `${plural(o.total, 'randvoorwaarde is', 'randvoorwaarden zijn')} als knelpunt aangemerkt.` },
          perLevel,
          perAddressee,
        ],
        subsections: [],
      },
      {
        title: 'Inkoopafspraken die op de aanbevelingen rusten',
        blocks: procurement.length ? [{ kind: 'list', items: procurement }] : [{ kind: 'paragraph', text: 'Er zijn geen inkoopafspraken vastgelegd.' }],
        subsections: [],
      },
    ],
  };
}

const fileBase = (chain: Chain) => `keten-${slugFor(chain.scope.title) || 'alle-standaarden'}`;

export function exportChainCsv(db: Db, scope: Scope): ExportFile {
  const chain = readChain(db, scope);
  return { fileName: `${fileBase(chain)}.csv`, mimeType: CSV_MIME, content: toCsv(CHAIN_COLUMNS, chainRows(chain)) };
}

export function exportChainDocx(db: Db, scope: Scope): BinaryExportFile {
  const chain = readChain(db, scope);
  const bytes = reportSectionDocx(chainReportSection(db, scope), { subtitle: `Verticaal harmoniseren · ${new Date().toISOString().slice(0, 10)}`, landscape: true });
  return { fileName: `${fileBase(chain)}.docx`, mimeType: DOCX_MIME, contentBase64: Buffer.from(bytes).toString('base64') };
}
