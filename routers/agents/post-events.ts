import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { isWindowsEvent, postAgentEvent, postAgentEventBatch, ZAgentEventFields, ZBatchSummary, ZDetails, ZPostedEvent } from '../../services/agents/index.ts';
import { MAX_EVENTS_PER_REQUEST } from '../../services/ingest/index.ts';
import { orgProcedure } from '../procedures.ts';

export const postEventsProcedure = orgProcedure('events:write')
  .meta({
    acceptsRecordsWithNul: true,
    openapi: {
      method: 'POST',
      path: '/events',
      tags: ['agents'],
      summary: 'Ingest agent events (agent key, or events:write): one event, or {events:[…]} / a JSON array / NDJSON for a batch',
      description:
        'Windows events (evtx-to-JSON `{Event: {System, EventData}}`, winlogbeat `{winlog: …}`, flat Sysmon JSON) are accepted bare, in a batch, or as the details of an agent event, and normalised (process, parent, command line, user, host, hashes, registry, file, network; every EventData field kept under attributes.win).',
    },
  })
  .input(
    z
      .object({
        event_type: ZAgentEventFields.event_type.optional(),
        severity: ZAgentEventFields.severity.optional(),
        category: ZAgentEventFields.category,
        details: ZDetails.optional(),
        timestamp: ZAgentEventFields.timestamp,
        event_id: ZAgentEventFields.event_id,
        message: ZAgentEventFields.message,
        events: z
          .array(z.unknown())
          .max(MAX_EVENTS_PER_REQUEST)
          .optional()
          .describe('A batch: each item is a single event; bad items are rejected by index, the rest stored'),
      })
      // a bare Windows event (evtx JSON, winlogbeat) has its own keys: kept for the Windows parser
      .loose(),
  )
  .output(z.union([ZPostedEvent, ZBatchSummary]))
  .mutation(async ({ ctx, input }) => {
    const { events, ...single } = input;
    if (events !== undefined) {
      const stray = Object.keys(single).filter((key) => key in ZAgentEventFields && single[key as keyof typeof single] !== undefined);
      if (stray.length > 0) {
        throw new AppError('VALIDATION_FAILED', 'Send either one event or {events: [...]}, not both', {
          issues: stray.map((path) => ({ path, message: 'not allowed beside events' })),
        });
      }
      return postAgentEventBatch(ctx.service, events);
    }
    if (single.event_type === undefined && isWindowsEvent(input)) return postAgentEventBatch(ctx.service, [input]);
    const { event_type, severity } = single;
    if (event_type === undefined || severity === undefined) {
      const missing = [event_type === undefined ? 'event_type' : null, severity === undefined ? 'severity' : null].filter((path) => path !== null);
      throw new AppError('VALIDATION_FAILED', `Missing ${missing.join(' and ')}`, { issues: missing.map((path) => ({ path, message: 'Required' })) });
    }
    return postAgentEvent(ctx.service, { ...single, event_type, severity, details: single.details ?? {} });
  });
