import type { Executor, OrgId } from '../../core/database.ts';
import { AppError } from '../../core/errors.ts';
import { findAlert } from '../../db/repos/alerts.repo.ts';
import { findOrgEventRow } from '../../db/repos/events.repo.ts';

/** Item kinds: the first three reference rows that must exist in the organisation; the rest are free references. */
export const ITEM_KINDS = ['alert', 'event', 'network_event', 'ip', 'domain', 'url', 'hash', 'host', 'user', 'note'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export type ItemInput = { kind: ItemKind; refId: string };

const REFERENCE_NAMES: Partial<Record<ItemKind, string>> = { alert: 'Alert', event: 'Event', network_event: 'Network event' };

function notFound(kind: ItemKind, refId: string, path: string): AppError {
  return new AppError('NOT_FOUND', `${REFERENCE_NAMES[kind] ?? kind} ${refId} not found`, { issues: [{ path, message: 'not found in your organisation' }] });
}

/** 404 (same message for a missing row and another organisation's) unless a referenced alert or event exists. */
export async function assertItemReference(db: Executor, orgId: OrgId, item: ItemInput, path = 'ref_id'): Promise<void> {
  if (REFERENCE_NAMES[item.kind] === undefined) return;
  const id = /^[1-9]\d{0,15}$/.test(item.refId) ? Number(item.refId) : null;
  if (id === null || !Number.isSafeInteger(id)) {
    throw new AppError('VALIDATION_FAILED', `${path}: must be the numeric id of the ${REFERENCE_NAMES[item.kind]?.toLowerCase()}`, {
      issues: [{ path, message: 'must be a positive integer id' }],
    });
  }
  const found =
    item.kind === 'alert' ? await findAlert(db, orgId, id) : await findOrgEventRow(db, orgId, id, item.kind === 'network_event' ? 'network' : undefined);
  if (!found) throw notFound(item.kind, item.refId, path);
}
