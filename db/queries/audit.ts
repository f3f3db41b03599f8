import type { AuditEntry } from '../../common/catalogue.js';
import type { Db } from '../open.js';

export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details?: Record<string, unknown>;
}

export function writeAudit(db: Db, entry: AuditInput, at = new Date().toISOString()): void {
  db.prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, details) VALUES (?, ?, ?, ?, ?, ?)').run(
    at,
    entry.actor,
    entry.action,
    entry.entity,
    entry.entityId,
    JSON.stringify(entry.details ?? {}),
  );
}

interface AuditRow { id: number; at: string; actor: string; action: string; entity: string; entity_id: string; details: string }

export function listAudit(db: Db, args: { entity?: string; entityId?: string; limit: number }): AuditEntry[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (args.entity) { where.push('entity = ?'); params.push(args.entity); }
  if (args.entityId) { where.push('entity_id = ?'); params.push(args.entityId); }
  const sql = `SELECT id, at, actor, action, entity, entity_id, details FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  const rows = db.prepare(sql).all(...params, args.limit) as AuditRow[];
  return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, details: JSON.parse(r.details) as Record<string, unknown> }));
}
