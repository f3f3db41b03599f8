/**
 * The report api's methods and bad input for the api-wide tests (tests/unit/api.test.ts): every
 * method refuses bad input with a Dutch message and writes nothing. The report's own tests are in
 * tests/unit/report-model.test.ts.
 */
import type { TestWorkspace } from './test-db.js';

export const REPORT_METHODS = ['reports.export', 'reports.model', 'reports.options', 'reports.preview'] as const;

export interface ReportBadCase {
  name: string;
  method: string;
  args: unknown;
  code: string;
  message: RegExp;
  fields?: string[];
  setup?: () => void;
}

export function reportBadCases(ws: () => TestWorkspace): ReportBadCase[] {
  const pilot = () => ws().ok('pilots.create', { title: 'ADHD', kinds: ['horizontaal'], origin: 'signalering' });
  return [
    { name: 'reports.options of an unknown pilot', method: 'reports.options', args: { pilotId: 42 }, code: 'NIET_GEVONDEN', message: /geen pilot met nummer 42/ },
    { name: 'reports.model for nobody', method: 'reports.model', args: { pilotId: 1, audience: 'iedereen' }, code: 'ONGELDIGE_INVOER', message: /Kies voor wie het rapport is/, fields: ['audience'], setup: pilot },
    { name: 'reports.model of an unknown pilot', method: 'reports.model', args: { pilotId: 42, audience: 'werkgroep' }, code: 'NIET_GEVONDEN', message: /geen pilot met nummer 42/ },
    { name: 'reports.preview without sections', method: 'reports.preview', args: { pilotId: 1, audience: 'werkgroep', sections: [] }, code: 'ONGELDIGE_INVOER', message: /minstens één onderdeel/, fields: ['sections'], setup: pilot },
    { name: 'reports.preview with an unknown tag', method: 'reports.preview', args: { pilotId: 1, audience: 'werkgroep', sections: ['passages'], tagIds: [99_999] }, code: 'NIET_GEVONDEN', message: /geen tag met nummer 99999/, setup: pilot },
    { name: 'reports.export as an executable', method: 'reports.export', args: { pilotId: 1, audience: 'werkgroep', format: 'exe' }, code: 'ONGELDIGE_INVOER', message: /Kies Word/, fields: ['format'], setup: pilot },
    { name: 'reports.export to a path', method: 'reports.export', args: { pilotId: 1, audience: 'werkgroep', format: 'html', path: '/tmp/rapport.html' }, code: 'ONGELDIGE_INVOER', message: /path/, setup: pilot },
  ];
}
