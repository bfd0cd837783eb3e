import type { OrgServiceContext } from '../../core/context.ts';
import { findOrgEventRow } from '../../db/repos/events.repo.ts';
import { type EdrEventDto, type SiemEventDto, toEdrEventDto, toSiemEventDto } from './view-event.dto.ts';

async function postedRow(ctx: OrgServiceContext, channel: 'edr' | 'siem', eventId: number) {
  const row = await findOrgEventRow(ctx.deps.db, ctx.orgId, eventId, channel);
  // the id comes from the ingest that just stored (or found) the row in this organisation
  if (!row) throw new Error(`posted ${channel} event ${eventId} not found`);
  return row;
}

/** The EDR event a POST /edr/events call stored (or had stored before), as EventSec's EdrEvent. */
export async function getPostedEdrEvent(ctx: OrgServiceContext, eventId: number): Promise<EdrEventDto> {
  return toEdrEventDto(await postedRow(ctx, 'edr', eventId));
}

/** The SIEM event a POST /siem/events call stored (or had stored before), as EventSec's SiemEvent. */
export async function getPostedSiemEvent(ctx: OrgServiceContext, eventId: number): Promise<SiemEventDto> {
  return toSiemEventDto(await postedRow(ctx, 'siem', eventId));
}
