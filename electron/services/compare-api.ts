/**
 * API methods of the comparison screen (registered in electron/api.ts):
 * compare.texts (two columns) and compare.multi (a reference and up to three others).
 * "Vergelijk met…" picks its versions from versions.all.
 */
import type { Db } from '../../db/open.js';
import { method } from '../api-method.js';
import { compareSchemas, createCompareService } from './compare.js';

export function compareMethods(db: Db, _userName: () => string) {
  const compare = createCompareService(db);
  return {
    'compare.texts': method(compareSchemas.texts, (args) => compare.texts(args)),
    'compare.multi': method(compareSchemas.multi, (args) => compare.multi(args)),
  };
}
