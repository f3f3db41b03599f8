/**
 * The merge api's methods and bad input for the api-wide tests (tests/unit/api.test.ts): each
 * refuses bad input in Dutch and writes nothing. Merging itself is tested in tests/unit/merge.test.ts.
 */
import type { TestWorkspace } from './test-db.js';

export const MERGE_METHODS = ['merge.apply', 'merge.discard', 'merge.preview'] as const;

export interface MergeBadCase {
  name: string;
  method: string;
  args: unknown;
  code: string;
  message: RegExp;
  fields?: string[];
  setup?: () => void;
}

export function mergeBadCases(_ws: () => TestWorkspace): MergeBadCase[] {
  return [
    { name: 'merge.preview without a file', method: 'merge.preview', args: { fileName: 'van-bert.richtsnoer' }, code: 'ONGELDIGE_INVOER', message: /Kies een projectbestand/, fields: ['dataBase64'] },
    { name: 'merge.preview with a path', method: 'merge.preview', args: { fileName: 'x.richtsnoer', dataBase64: '', path: '/tmp/x' }, code: 'ONGELDIGE_INVOER', message: /Onbekend veld: "path"/ },
    { name: 'merge.apply of a made-up plan', method: 'merge.apply', args: { planId: 'plan-1', resolutions: {} }, code: 'ONGELDIGE_INVOER', message: /Geef het nummer van het voorbeeld/, fields: ['planId'] },
    { name: 'merge.apply with a choice that is not mine or theirs', method: 'merge.apply', args: { planId: '00000000-0000-4000-8000-000000000000', resolutions: { x: 'allebei' } }, code: 'ONGELDIGE_INVOER', message: /^Controleer de invoer\. Keuzes: kies per conflict “mijn” of “hun”\./, fields: ['resolutions'] },
    { name: 'merge.discard without a plan', method: 'merge.discard', args: {}, code: 'ONGELDIGE_INVOER', message: /Geef het nummer van het voorbeeld/, fields: ['planId'] },
  ];
}
