/**
 * The colleague's project file the kill -9 test (tests/unit/crash-kill.test.ts) has the crash
 * writer merge in once per run, and what it holds, id-free (prints.ts mergedContent): a completed
 * merge must bring exactly this.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AlignmentGrid, Pilot } from '../../common/pilots.js';
import type { ReviewComment, ReviewRound } from '../../common/review.js';
import { miniParser } from '../helpers/documents.js';
import { adhdPilot, rowByTheme } from '../helpers/pilots.js';
import { seededWorkspace } from '../helpers/test-db.js';
import { mergedContent, readMerged } from './prints.js';

export interface Colleague {
  /** The JSON file the writer gets: { fileName, dataBase64, pilotGuid, roundGuid }. */
  file: string;
  pilotGuid: string;
  roundGuid: string;
  content: unknown;
}

/**
 * Bert's workspace, exported: the ADHD pilot with a classified, decided and commented grid, and a
 * review round with an answered comment. The merge copies his texts, pilot, grid and round in one
 * transaction, after a backup.
 */
export async function colleagueFile(dir: string): Promise<Colleague> {
  const bert = seededWorkspace(undefined, { parse: miniParser });
  try {
    bert.ok('settings.setUserName', { name: 'Bert' });
    const { pilot, versionIds } = await adhdPilot(bert, 'ADHD horizontaal (Bert)');
    bert.ok('alignment.propose', { pilotId: pilot.id });
    bert.ok('alignment.acceptAll', { pilotId: pilot.id });
    const grid = bert.ok<AlignmentGrid>('alignment.grid', { pilotId: pilot.id });
    bert.ok('alignment.classify', { rowId: rowByTheme(grid, /^Diagnostiek/).id, versionId: versionIds.jgz, classification: 'verschillend', note: 'De JGZ stelt zelf geen diagnose.' });
    bert.ok('alignment.decide', { rowId: rowByTheme(grid, /^Psycho-educatie/).id, decision: 'samenvoegen', text: 'Eén tekst over uitleg aan ouders en jeugdige.', dissent: 'Ouderpanel: eerst de cliëntversie.' });
    bert.ok('alignment.comment', { rowId: rowByTheme(grid, /^Diagnostiek/).id, body: 'Eerst de definities gelijktrekken.' });
    const round = bert.ok<ReviewRound>('reviewRounds.create', { title: 'Commentaarronde zorgstandaard ADHD', versionId: versionIds.ggz, organisations: [{ name: 'Ouderpanel ADHD' }, { name: 'NIP' }] });
    const section = bert.ok<{ sections: Array<{ id: number; heading: string; text: string }> }>('versions.get', { versionId: versionIds.ggz }).sections.find((s) => s.heading === 'Psycho-educatie');
    const at = section?.text.indexOf('eerste stap') ?? -1;
    const first = bert.ok<ReviewComment>('reviewComments.create', { roundId: round.id, invitationId: round.invitations[0]?.id, body: 'Noem ook de school.', sectionId: section?.id, start: at, end: at + 'eerste stap'.length, quote: 'eerste stap' });
    bert.ok('reviewComments.create', { roundId: round.id, invitationId: round.invitations[1]?.id, body: 'Graag een cliëntversie.' });
    bert.ok('reviewComments.answer', { commentId: first.id, response: 'De school staat nu in de tekst.', disposition: 'deels_overgenomen', motivation: 'Alleen het basisonderwijs.', change: 'Zin over school toegevoegd.' });
    const exported = bert.ok<{ fileName: string; contentBase64: string }>('project.export', {});
    const pilotGuid = bert.ok<Pilot>('pilots.get', { pilotId: pilot.id }).guid;
    const roundGuid = round.guid;
    const file = path.join(dir, 'collega.json');
    fs.writeFileSync(file, JSON.stringify({ fileName: 'van-bert.richtsnoer', dataBase64: exported.contentBase64, pilotGuid, roundGuid }));
    const content = mergedContent(readMerged(bert.db, [versionIds.jeugdhulp, versionIds.jgz, versionIds.ggz], pilotGuid, roundGuid));
    return { file, pilotGuid, roundGuid, content };
  } finally {
    bert.cleanup();
  }
}

