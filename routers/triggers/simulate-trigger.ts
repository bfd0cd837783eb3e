import { simulateTrigger, ZTriggerSimulation } from '../../services/triggers/index.ts';
import { orgProcedure } from '../procedures.ts';
import { ZInlineIncident, ZTriggerIdParam } from './triggers.schemas.ts';

export const simulateTriggerProcedure = orgProcedure('incidents:read')
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/triggers/{trigger_id}/simulate',
      tags: ['triggers'],
      summary: 'Evaluate a trigger against an incident without firing it: which conditions held, what would run',
      description:
        'Body (all optional): {"incident_id": n} for one of your incidents; or an inline incident (what-if) as `incident: {...}` or as the body itself (threat_category, escalation_level, risk_score, reason, src_ip, tags, sources, event_counts {event_type: count}…); default: your latest incident. Answers each condition and the expression with whether it held, would_fire (live, conditions met, within cooldown and daily limit), would_execute (and it would start without approval), the templated steps and the safety checks. Changes nothing.',
    },
  })
  .input(
    ZTriggerIdParam.extend({ incident_id: ZTriggerIdParam.shape.trigger_id.optional().describe('Incident id'), incident: ZInlineIncident.optional() }).extend(
      ZInlineIncident.shape,
    ),
  )
  .output(ZTriggerSimulation)
  .mutation(({ ctx, input }) => {
    const { trigger_id, incident_id, incident, ...inline } = input;
    const definedInline = Object.fromEntries(Object.entries(inline).filter(([, value]) => value !== undefined));
    const described = incident ?? (Object.keys(definedInline).length > 0 ? definedInline : undefined);
    return simulateTrigger(ctx.service, trigger_id, { incidentId: incident_id, incident: described });
  });
