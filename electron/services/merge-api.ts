/**
 * Merging a colleague's project file into your workspace: merge.preview validates the file exactly
 * as project.open does (prepareProjectFile: header, integrity, schema, migrated private copy) and
 * returns the plan; merge.apply takes a backup ('voor-samenvoegen') and then, in one transaction,
 * recomputes the plan, checks it is still the one the user saw, and applies it with the user's
 * choice per conflict. Deletions are not carried over: what your colleague deleted stays in your
 * workspace; what you deleted and they still have is shown as a conflict where the audit log
 * records it (annotations, grid rows), and otherwise comes back as new.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import { MERGE_CHOICES, type MergeChoice, type MergePlan, type MergeResult } from '../../common/merge.js';
import type { ProjectInfo } from '../../common/workspace.js';
import { backupNow } from '../../db/backup.js';
import type { Db } from '../../db/open.js';
import { prepareProjectFile } from '../../db/project-file.js';
import { writeAudit } from '../../db/queries/audit.js';
import { getSetting } from '../../db/queries/settings.js';
import { method } from '../api-method.js';
import { applyPlan } from './merge/apply.js';
import { computePlan, planView } from './merge/plan.js';
import { workspaceSchemas, type WorkspaceControl } from './workspace-api.js';

const planId = z.string({ error: 'Geef het nummer van het voorbeeld.' }).regex(/^[0-9a-f-]{36}$/, 'Geef het nummer van het voorbeeld.');

export const mergeSchemas = {
  // The same file check as project.open.
  preview: workspaceSchemas.openProject,
  apply: z
    .object({
      planId,
      // Values are checked in the handler: zod would name the field after the conflict's key.
      resolutions: z.record(z.string().max(2000), z.string().max(20), { error: 'Geef per conflict je keuze.' }).default({}),
    })
    .strict(),
  discard: z.object({ planId }).strict(),
};

interface PendingPlan {
  id: string;
  dir: string;
  file: string;
  info: ProjectInfo;
  fingerprint: string;
  conflictKeys: Set<string>;
  /** Whether anything would be added (conflicts aside). */
  adds: boolean;
}

/** Temp folders of plans not yet applied or discarded: removed when the process ends. */
const openDirs = new Set<string>();
let exitHook = false;
function track(dir: string): void {
  openDirs.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const d of openDirs) fs.rmSync(d, { recursive: true, force: true });
    });
  }
}
function release(dir: string): void {
  openDirs.delete(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

function openTheirs(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // As for an opened project: a crafted view or trigger cannot call functions with side effects.
  db.pragma('trusted_schema = OFF');
  return db;
}

const STALE = 'Je werkruimte of het projectbestand is gewijzigd sinds het voorbeeld. Bekijk het voorbeeld opnieuw; er is niets samengevoegd.';
const EXPIRED = 'Dit voorbeeld is verlopen of al toegepast. Kies het projectbestand opnieuw om samen te voegen.';
const IN_PROJECT = 'Je bekijkt nu een projectbestand. Ga eerst terug naar je eigen werkruimte; daarin voeg je het werk van een collega samen.';

export function mergeMethods(db: Db, userName: () => string, workspace?: WorkspaceControl) {
  // One plan at a time: a new preview replaces the one before (and removes its copy).
  let pending: PendingPlan | null = null;
  const own = (): Db => {
    if (workspace?.project()) throw new ApiError('CONFLICT', IN_PROJECT);
    return workspace?.ownDb() ?? db;
  };
  const drop = () => {
    if (pending) release(pending.dir);
    pending = null;
  };
  const requirePlan = (id: string): PendingPlan => {
    if (!pending || pending.id !== id) throw new ApiError('NIET_GEVONDEN', EXPIRED);
    return pending;
  };
  /** Who the file is from: the name it was exported under, else the name set in it. */
  const fromOf = (info: ProjectInfo, theirs: Db) => info.exportedBy ?? getSetting(theirs, 'user.name') ?? 'een collega';

  return {
    'merge.preview': method(mergeSchemas.preview, ({ fileName, dataBase64 }): MergePlan => {
      const mine = own();
      const prepared = prepareProjectFile(fileName, new Uint8Array(Buffer.from(dataBase64, 'base64')));
      track(prepared.dir);
      let theirs: Db | null = null;
      try {
        theirs = openTheirs(prepared.file);
        const plan = computePlan(mine, theirs);
        const id = randomUUID();
        const info = { ...prepared.info, exportedBy: fromOf(prepared.info, theirs) };
        const view = planView(plan, id, info);
        drop();
        pending = {
          id,
          dir: prepared.dir,
          file: prepared.file,
          info,
          fingerprint: plan.fingerprint,
          conflictKeys: new Set(view.conflicts.map((c) => c.key)),
          adds: view.totals.nieuw > 0,
        };
        return view;
      } catch (error) {
        release(prepared.dir);
        throw error;
      } finally {
        theirs?.close();
      }
    }),

    'merge.apply': method(mergeSchemas.apply, ({ planId: id, resolutions }): MergeResult => {
      const refuse = (problem: string) => new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Keuzes: ${problem} Er is niets samengevoegd.`, { resolutions: problem });
      if (Object.values(resolutions).some((c) => !(MERGE_CHOICES as readonly string[]).includes(c))) throw refuse('kies per conflict “mijn” of “hun”.');
      const mine = own();
      const plan = requirePlan(id);
      const choices = resolutions as Record<string, MergeChoice>;
      if (Object.keys(choices).some((k) => !plan.conflictKeys.has(k))) throw refuse('er is een keuze voor een conflict dat niet in dit voorbeeld staat; bekijk het voorbeeld opnieuw.');
      const open = [...plan.conflictKeys].filter((k) => !choices[k]);
      if (open.length) throw refuse(`kies bij ${plan.conflictKeys.size === 1 ? 'het conflict' : `alle ${plan.conflictKeys.size} conflicten`} welke versie blijft: “mijn” of “hun” (nog open: ${open.length}).`);
      const takesTheirs = Object.values(choices).some((c) => c === 'hun');
      if (!plan.adds && !takesTheirs) {
        // Nothing to add and every conflict kept yours: nothing is written, no backup is needed.
        drop();
        return {
          source: plan.info,
          changed: false,
          backup: null,
          counts: [],
          textsImported: [],
          totals: { toegevoegd: 0, overgenomen: 0, behouden: plan.conflictKeys.size, overgeslagen: 0 },
        };
      }
      // Outside the transaction (VACUUM INTO cannot run inside one); the merge does not start without it.
      const backup = backupNow(mine, 'voor-samenvoegen');
      const theirs = openTheirs(plan.file);
      try {
        const outcome = mine
          .transaction(() => {
            const now = new Date().toISOString();
            const fresh = computePlan(mine, theirs);
            if (fresh.fingerprint !== plan.fingerprint) {
              throw new ApiError('CONFLICT', STALE);
            }
            const result = applyPlan(mine, fresh, choices, { actor: userName(), from: plan.info.exportedBy ?? 'een collega', now });
            const counts = Object.fromEntries(
              result.counts.filter((c) => c.toegevoegd + c.overgenomen + c.behouden + c.overgeslagen > 0).map((c) => [c.kind, { toegevoegd: c.toegevoegd, overgenomen: c.overgenomen, behouden: c.behouden, overgeslagen: c.overgeslagen }]),
            );
            writeAudit(
              mine,
              {
                actor: userName(),
                action: 'samengevoegd',
                entity: 'werkruimte',
                entityId: plan.info.fileName,
                details: {
                  van: plan.info.exportedBy,
                  bestand: plan.info.fileName,
                  geexporteerdOp: plan.info.exportedAt,
                  backUp: backup.name,
                  aantallen: counts,
                  teksten: result.textsImported,
                  toegevoegd: result.added.slice(0, 500),
                },
              },
              now,
            );
            return result;
          })
          .immediate();
        drop();
        const sum = (k: 'toegevoegd' | 'overgenomen' | 'behouden' | 'overgeslagen') => outcome.counts.reduce((n, c) => n + c[k], 0);
        return {
          source: plan.info,
          changed: true,
          backup,
          counts: outcome.counts,
          textsImported: outcome.textsImported,
          totals: { toegevoegd: sum('toegevoegd'), overgenomen: sum('overgenomen'), behouden: sum('behouden'), overgeslagen: sum('overgeslagen') },
        };
      } catch (error) {
        // A stale plan cannot be applied again; after any other failure the user may retry it.
        if (error instanceof ApiError && error.message === STALE) drop();
        throw error;
      } finally {
        theirs.close();
      }
    }),

    'merge.discard': method(mergeSchemas.discard, ({ planId: id }) => {
      if (pending?.id === id) drop();
      return { discarded: true };
    }),
  };
}
