/**
 * API methods for vertical harmonisation chains (chains.*) and review rounds (reviewRounds.*,
 * reviewComments.*). common/review.ts is the contract. Exports return { fileName, mimeType,
 * content } (CSV) or { fileName, mimeType, contentBase64 } (DOCX).
 */
import type { Db } from '../../db/open.js';
import { method } from '../api-method.js';
import { exportChainCsv, exportChainDocx } from './chain-export.js';
import { chainSchemas, createChainsService } from './chains.js';
import { createReviewImportService, importSchemas } from './review-import.js';
import { exportCommentTableCsv, exportCommentTableDocx, reviewExportSchema } from './review-export.js';
import { createReviewRoundsService, reviewSchemas } from './review-rounds.js';

export function reviewMethods(db: Db, userName: () => string) {
  const chains = createChainsService(db, userName);
  const rounds = createReviewRoundsService(db, userName);
  const imports = createReviewImportService(db, userName);
  return {
    'chains.get': method(chainSchemas.get, (args) => chains.get(args)),
    // Without standardId or pilotId: the knelpunten of the whole programme.
    'chains.overview': method(chainSchemas.overview, (args) => chains.overview(args)),
    'chains.candidates': method(chainSchemas.candidates, (args) => chains.candidates(args)),
    'chains.addRecommendation': method(chainSchemas.addRecommendation, (args) => chains.addRecommendation(args)),
    'chains.updateRecommendation': method(chainSchemas.updateRecommendation, (args) => chains.updateRecommendation(args)),
    'chains.moveRecommendation': method(chainSchemas.moveRecommendation, (args) => chains.moveRecommendation(args)),
    'chains.deleteRecommendation': method(chainSchemas.recommendation, (args) => chains.deleteRecommendation(args)),
    'chains.addLink': method(chainSchemas.addLink, (args) => chains.addLink(args)),
    'chains.updateLink': method(chainSchemas.updateLink, (args) => chains.updateLink(args)),
    'chains.deleteLink': method(chainSchemas.link, (args) => chains.deleteLink(args)),
    'chains.addEvidence': method(chainSchemas.addEvidence, (args) => chains.addEvidence(args)),
    'chains.removeEvidence': method(chainSchemas.evidence, (args) => chains.removeEvidence(args)),
    'chains.exportCsv': method(chainSchemas.overview, (args) => exportChainCsv(db, args)),
    'chains.exportDocx': method(chainSchemas.overview, (args) => exportChainDocx(db, args)),
    'reviewRounds.list': method(reviewSchemas.list, (args) => rounds.list(args)),
    'reviewRounds.get': method(reviewSchemas.round, (args) => rounds.get(args)),
    'reviewRounds.create': method(reviewSchemas.create, (args) => rounds.create(args)),
    'reviewRounds.update': method(reviewSchemas.update, (args) => rounds.update(args)),
    'reviewRounds.delete': method(reviewSchemas.round, (args) => rounds.delete(args)),
    'reviewRounds.invite': method(reviewSchemas.invite, (args) => rounds.invite(args)),
    'reviewRounds.updateInvitation': method(reviewSchemas.updateInvitation, (args) => rounds.updateInvitation(args)),
    'reviewRounds.removeInvitation': method(reviewSchemas.invitation, (args) => rounds.removeInvitation(args)),
    'reviewRounds.exportCsv': method(reviewExportSchema, (args) => exportCommentTableCsv(db, args)),
    'reviewRounds.exportDocx': method(reviewExportSchema, (args) => exportCommentTableDocx(db, args)),
    'reviewComments.list': method(reviewSchemas.comments, (args) => rounds.comments(args)),
    'reviewComments.create': method(reviewSchemas.createComment, (args) => rounds.createComment(args)),
    'reviewComments.update': method(reviewSchemas.updateComment, (args) => rounds.updateComment(args)),
    'reviewComments.delete': method(reviewSchemas.comment, (args) => rounds.deleteComment(args)),
    'reviewComments.answer': method(reviewSchemas.answer, (args) => rounds.answer(args)),
    'reviewComments.clearAnswer': method(reviewSchemas.comment, (args) => rounds.clearAnswer(args)),
    // Reads the table and says what would be stored; writes nothing.
    'reviewComments.previewImport': method(importSchemas.table, (args) => imports.preview(args)),
    'reviewComments.import': method(importSchemas.table, (args) => imports.import(args)),
  };
}
