/**
 * The chain and review-round api methods, and one bad-input case per method in the shape of
 * tests/unit/api.test.ts's badCases (spread them in: `...reviewBadCases(() => ws)`). Each refuses
 * with a Dutch error on a freshly seeded workspace and writes nothing; review-rounds.test.ts runs
 * them too, so they stay true.
 */
import type { TestWorkspace } from './test-db.js';

export const REVIEW_METHODS = [
  'chains.addEvidence',
  'chains.addLink',
  'chains.addRecommendation',
  'chains.candidates',
  'chains.deleteLink',
  'chains.deleteRecommendation',
  'chains.exportCsv',
  'chains.exportDocx',
  'chains.get',
  'chains.moveRecommendation',
  'chains.overview',
  'chains.removeEvidence',
  'chains.updateLink',
  'chains.updateRecommendation',
  'reviewComments.answer',
  'reviewComments.clearAnswer',
  'reviewComments.create',
  'reviewComments.delete',
  'reviewComments.import',
  'reviewComments.list',
  'reviewComments.previewImport',
  'reviewComments.update',
  'reviewRounds.create',
  'reviewRounds.delete',
  'reviewRounds.exportCsv',
  'reviewRounds.exportDocx',
  'reviewRounds.get',
  'reviewRounds.invite',
  'reviewRounds.list',
  'reviewRounds.removeInvitation',
  'reviewRounds.update',
  'reviewRounds.updateInvitation',
] as const;

export interface ReviewBadCase {
  name: string;
  method: string;
  args: unknown;
  code: string;
  message: RegExp;
  fields?: string[];
  setup?: () => void;
}

const A = 'richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming';

export function reviewBadCases(ws: () => TestWorkspace): ReviewBadCase[] {
  /** Recommendation 1 with precondition 1 in the chain of standard A. */
  const chain = () => {
    const r = ws().ok<{ id: number }>('chains.addRecommendation', { standardId: A, text: 'Bied ouders een training aan.' });
    ws().ok('chains.addLink', { recommendationId: r.id, preconditionKind: 'tijd', precondition: 'Tijd', level: 'team' });
  };
  return [
    { name: 'chains.get without a standard or pilot', method: 'chains.get', args: {}, code: 'ONGELDIGE_INVOER', message: /Kies een standaard of een pilot/, fields: ['standardId'] },
    { name: 'chains.overview of an unknown pilot', method: 'chains.overview', args: { pilotId: 42 }, code: 'NIET_GEVONDEN', message: /geen pilot met nummer 42/ },
    { name: 'chains.candidates of an unknown standard', method: 'chains.candidates', args: { standardId: 'bestaat-niet' }, code: 'NIET_GEVONDEN', message: /geen standaard/ },
    { name: 'chains.addRecommendation without text or section', method: 'chains.addRecommendation', args: { standardId: A }, code: 'ONGELDIGE_INVOER', message: /typ de aanbeveling/, fields: ['text'] },
    { name: 'chains.updateRecommendation of an unknown recommendation', method: 'chains.updateRecommendation', args: { recommendationId: 42, text: 'x' }, code: 'NIET_GEVONDEN', message: /geen aanbeveling met nummer 42/ },
    { name: 'chains.moveRecommendation sideways', method: 'chains.moveRecommendation', args: { recommendationId: 1, direction: 'links' }, code: 'ONGELDIGE_INVOER', message: /omhoog of omlaag/, fields: ['direction'] },
    { name: 'chains.deleteRecommendation of an unknown recommendation', method: 'chains.deleteRecommendation', args: { recommendationId: 42 }, code: 'NIET_GEVONDEN', message: /geen aanbeveling met nummer 42/ },
    { name: 'chains.addLink with an unknown kind', method: 'chains.addLink', args: { recommendationId: 1, preconditionKind: 'geld', precondition: 'x', level: 'team' }, code: 'ONGELDIGE_INVOER', message: /Kies een soort randvoorwaarde/, fields: ['preconditionKind'], setup: chain },
    { name: 'chains.updateLink of an unknown precondition', method: 'chains.updateLink', args: { linkId: 42, status: 'geregeld' }, code: 'NIET_GEVONDEN', message: /geen randvoorwaarde met nummer 42/ },
    { name: 'chains.deleteLink of an unknown precondition', method: 'chains.deleteLink', args: { linkId: 42 }, code: 'NIET_GEVONDEN', message: /geen randvoorwaarde met nummer 42/ },
    { name: 'chains.addEvidence: a framework without its standard', method: 'chains.addEvidence', args: { linkId: 1, kind: 'kader' }, code: 'ONGELDIGE_INVOER', message: /Kies het kader/, fields: ['standardId'], setup: chain },
    { name: 'chains.removeEvidence of unknown evidence', method: 'chains.removeEvidence', args: { evidenceId: 42 }, code: 'NIET_GEVONDEN', message: /geen bewijs met nummer 42/ },
    { name: 'chains.exportCsv with a text pilot id', method: 'chains.exportCsv', args: { pilotId: 'een' }, code: 'ONGELDIGE_INVOER', message: /Geef het nummer van een pilot/, fields: ['pilotId'] },
    { name: 'chains.exportDocx of an unknown standard', method: 'chains.exportDocx', args: { standardId: 'bestaat-niet' }, code: 'NIET_GEVONDEN', message: /geen standaard/ },
    { name: 'reviewRounds.list with a number for a standard', method: 'reviewRounds.list', args: { standardId: 5 }, code: 'ONGELDIGE_INVOER', message: /Geef het id van een standaard/, fields: ['standardId'] },
    { name: 'reviewRounds.get of an unknown round', method: 'reviewRounds.get', args: { roundId: 42 }, code: 'NIET_GEVONDEN', message: /geen commentaarronde met nummer 42/ },
    { name: 'reviewRounds.create on an unknown version', method: 'reviewRounds.create', args: { title: 'Ronde', versionId: 42 }, code: 'NIET_GEVONDEN', message: /geen versie met nummer 42/ },
    { name: 'reviewRounds.update of an unknown round', method: 'reviewRounds.update', args: { roundId: 42, title: 'x' }, code: 'NIET_GEVONDEN', message: /geen commentaarronde met nummer 42/ },
    { name: 'reviewRounds.delete of an unknown round', method: 'reviewRounds.delete', args: { roundId: 42 }, code: 'NIET_GEVONDEN', message: /geen commentaarronde met nummer 42/ },
    { name: 'reviewRounds.invite with both a catalogue id and a name', method: 'reviewRounds.invite', args: { roundId: 1, organisationId: 'nip', name: 'NIP' }, code: 'ONGELDIGE_INVOER', message: /Kies een organisatie uit de lijst of typ een naam/, fields: ['organisationId'] },
    { name: 'reviewRounds.updateInvitation of an unknown invitation', method: 'reviewRounds.updateInvitation', args: { invitationId: 42, status: 'gereageerd' }, code: 'NIET_GEVONDEN', message: /geen uitnodiging met nummer 42/ },
    { name: 'reviewRounds.removeInvitation of an unknown invitation', method: 'reviewRounds.removeInvitation', args: { invitationId: 42 }, code: 'NIET_GEVONDEN', message: /geen uitnodiging met nummer 42/ },
    { name: 'reviewRounds.exportCsv of an unknown round', method: 'reviewRounds.exportCsv', args: { roundId: 42 }, code: 'NIET_GEVONDEN', message: /geen commentaarronde met nummer 42/ },
    { name: 'reviewRounds.exportDocx ordered by date', method: 'reviewRounds.exportDocx', args: { roundId: 1, order: 'datum' }, code: 'ONGELDIGE_INVOER', message: /ordenen op nummer, passage of organisatie/, fields: ['order'] },
    { name: 'reviewComments.list of an unknown round', method: 'reviewComments.list', args: { roundId: 42 }, code: 'NIET_GEVONDEN', message: /geen commentaarronde met nummer 42/ },
    { name: 'reviewComments.create without an organisation', method: 'reviewComments.create', args: { roundId: 1, body: 'x' }, code: 'ONGELDIGE_INVOER', message: /van welke organisatie/, fields: ['invitationId'] },
    { name: 'reviewComments.update of an unknown comment', method: 'reviewComments.update', args: { commentId: 42, body: 'x' }, code: 'NIET_GEVONDEN', message: /geen commentaar met nummer 42/ },
    { name: 'reviewComments.delete of an unknown comment', method: 'reviewComments.delete', args: { commentId: 42 }, code: 'NIET_GEVONDEN', message: /geen commentaar met nummer 42/ },
    { name: 'reviewComments.answer "niet overgenomen" without a motivation', method: 'reviewComments.answer', args: { commentId: 1, response: 'Nee.', disposition: 'niet_overgenomen' }, code: 'ONGELDIGE_INVOER', message: /motivering/, fields: ['motivation'] },
    { name: 'reviewComments.clearAnswer of an unknown comment', method: 'reviewComments.clearAnswer', args: { commentId: 42 }, code: 'NIET_GEVONDEN', message: /geen commentaar met nummer 42/ },
    { name: 'reviewComments.previewImport into an unknown round', method: 'reviewComments.previewImport', args: { roundId: 42, fileName: 'x.csv', dataBase64: 'eA==' }, code: 'NIET_GEVONDEN', message: /geen commentaarronde met nummer 42/ },
    { name: 'reviewComments.import without a file', method: 'reviewComments.import', args: { roundId: 1, fileName: 'x.csv', dataBase64: '' }, code: 'ONGELDIGE_INVOER', message: /Kies een bestand/, fields: ['dataBase64'] },
  ];
}
