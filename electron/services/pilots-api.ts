/**
 * API methods of the harmonisation pilots (Harmonisatie) and their alignment grid.
 * common/pilots.ts is the contract with the renderer.
 */
import { z } from 'zod';
import type { Db } from '../../db/open.js';
import { method } from '../api-method.js';
import { alignmentSchemas, createAlignmentService } from './alignment.js';
import { createPilotsService, pilotSchemas } from './pilots.js';

export function pilotMethods(db: Db, userName: () => string) {
  const pilots = createPilotsService(db, userName);
  const alignment = createAlignmentService(db, userName);
  return {
    'pilots.list': method(z.object({}).strict().default({}), () => pilots.list()),
    'pilots.create': method(pilotSchemas.create, (args) => pilots.create(args)),
    'pilots.get': method(pilotSchemas.get, (args) => pilots.get(args)),
    'pilots.update': method(pilotSchemas.update, (args) => pilots.update(args)),
    'pilots.setPhase': method(pilotSchemas.setPhase, (args) => pilots.setPhase(args)),
    'pilots.delete': method(pilotSchemas.get, (args) => pilots.delete(args)),
    'pilots.addMember': method(pilotSchemas.addMember, (args) => pilots.addMember(args)),
    'pilots.updateMember': method(pilotSchemas.updateMember, (args) => pilots.updateMember(args)),
    'pilots.removeMember': method(pilotSchemas.removeMember, (args) => pilots.removeMember(args)),
    'pilots.setVersions': method(pilotSchemas.setVersions, (args) => pilots.setVersions(args)),
    'pilots.addReflection': method(pilotSchemas.addReflection, (args) => pilots.addReflection(args)),
    'pilots.removeReflection': method(pilotSchemas.removeReflection, (args) => pilots.removeReflection(args)),
    'alignment.grid': method(alignmentSchemas.grid, (args) => alignment.grid(args)),
    'alignment.propose': method(alignmentSchemas.propose, (args) => alignment.propose(args)),
    'alignment.accept': method(alignmentSchemas.row, (args) => alignment.accept(args)),
    'alignment.acceptAll': method(alignmentSchemas.acceptAll, (args) => alignment.acceptAll(args)),
    'alignment.reject': method(alignmentSchemas.row, (args) => alignment.reject(args)),
    'alignment.createRow': method(alignmentSchemas.createRow, (args) => alignment.createRow(args)),
    'alignment.renameRow': method(alignmentSchemas.renameRow, (args) => alignment.renameRow(args)),
    'alignment.moveRow': method(alignmentSchemas.moveRow, (args) => alignment.moveRow(args)),
    'alignment.deleteRow': method(alignmentSchemas.row, (args) => alignment.deleteRow(args)),
    'alignment.placeSection': method(alignmentSchemas.placeSection, (args) => alignment.placeSection(args)),
    'alignment.splitRow': method(alignmentSchemas.splitRow, (args) => alignment.splitRow(args)),
    'alignment.mergeRows': method(alignmentSchemas.mergeRows, (args) => alignment.mergeRows(args)),
    'alignment.classify': method(alignmentSchemas.classify, (args) => alignment.classify(args)),
    'alignment.decide': method(alignmentSchemas.decide, (args) => alignment.decide(args)),
    'alignment.comment': method(alignmentSchemas.comment, (args) => alignment.comment(args)),
    'alignment.deleteComment': method(alignmentSchemas.deleteComment, (args) => alignment.deleteComment(args)),
  };
}
