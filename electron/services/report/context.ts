/**
 * What every chapter builder of the report reads: the pilot, its grid, the audience and a few
 * lookups, read once in one transaction so all chapters describe the same moment.
 */
import type { AlignmentGrid, GridRow, Pilot } from '../../../common/pilots.js';
import type { ReportAudience, ReportBlock, ReportChapter, ReportPart, ReportSectionId } from '../../../common/report.js';
import { REPORT_APPENDICES, REPORT_SECTION_LABEL } from '../../../common/report.js';
import type { Db } from '../../../db/open.js';

export interface ReportContext {
  db: Db;
  pilot: Pilot;
  grid: AlignmentGrid;
  /** Rows a person made or accepted (the grid proper); proposals are open points. */
  rows: GridRow[];
  audience: ReportAudience;
  /** The working group sees its own discussion (row comments); other audiences do not. */
  internal: boolean;
  /** Column name per version id. */
  names: Map<number, string>;
  perspectiveLabel(value: string): string;
  tagIds: number[];
}

/** A chapter, or why it is left out (nothing to show). */
export type ChapterResult = ReportChapter | { omitted: string };

export function chapter(id: ReportSectionId, blocks: ReportBlock[], parts: ReportPart[] = [], title: string = REPORT_SECTION_LABEL[id]): ReportChapter {
  return { id, number: '', title, appendix: REPORT_APPENDICES.includes(id), blocks, parts };
}

export const part = (title: string, blocks: ReportBlock[], parts: ReportPart[] = []): ReportPart => ({ number: '', title, blocks, parts });
