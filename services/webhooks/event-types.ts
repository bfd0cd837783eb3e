import { z } from 'zod';

/**
 * Every event a subscription can listen to, defined once: validation, GET /api/webhooks/events and the emitters use
 * this list. Mini-XDR's six plus incident.updated and alert.created.
 */
export const WEBHOOK_EVENT_CATALOGUE = [
  {
    type: 'incident.created',
    description: 'A new incident: opened by detection, promoted from an alert or network event, or created by hand',
    payload_example: {
      incident_id: 123,
      title: 'SSH brute force from 203.0.113.7',
      src_ip: '203.0.113.7',
      severity: 'high',
      escalation_level: 'high',
      risk_score: 0.85,
      threat_category: 'brute_force',
      status: 'open',
    },
  },
  {
    type: 'incident.updated',
    description: 'An analyst changed an incident (title, description, severity, status, assignee or tags)',
    payload_example: { incident_id: 123, changed_fields: ['status', 'assigned_to'], status: 'investigating', severity: 'high' },
  },
  {
    type: 'incident.escalated',
    description: "An incident's escalation level rose (new detections or an analyst's severity change)",
    payload_example: { incident_id: 123, old_severity: 'medium', new_severity: 'critical', reason: 'detection', risk_score: 0.93 },
  },
  {
    type: 'incident.contained',
    description: 'An incident was contained by a response action',
    payload_example: { incident_id: 123, containment_method: 'ip_block', contained_at: '2026-01-01T12:00:00Z' },
  },
  {
    type: 'alert.created',
    description: 'A new alert: raised by detection (built-in detectors or rules) or reported through POST /alerts',
    payload_example: {
      alert_id: 456,
      title: 'Port scan',
      category: 'reconnaissance',
      severity: 'medium',
      source: 'detection',
      src_ip: '203.0.113.7',
      incident_id: 123,
    },
  },
  {
    type: 'response.executed',
    description: 'A response action was executed',
    payload_example: { incident_id: 123, action_type: 'block_ip', result: 'success', executed_by: 'auto_response_agent' },
  },
  {
    type: 'workflow.completed',
    description: 'A response workflow completed',
    payload_example: { workflow_id: 'wf_123', incident_id: 123, status: 'completed', actions_executed: 5, duration_seconds: 12.5 },
  },
  {
    type: 'workflow.failed',
    description: 'A response workflow failed',
    payload_example: { workflow_id: 'wf_123', incident_id: 123, status: 'failed', error: 'action_timeout', failed_at_step: 3 },
  },
] as const;

export const WEBHOOK_EVENT_TYPES = WEBHOOK_EVENT_CATALOGUE.map((event) => event.type) as [WebhookEventType, ...WebhookEventType[]];
export type WebhookEventType = (typeof WEBHOOK_EVENT_CATALOGUE)[number]['type'];

/** The event POST /api/webhooks/test sends unless told otherwise; never emitted by anything else. */
export const TEST_EVENT_TYPE = 'test.ping';

export const ZWebhookEventType = z.enum(WEBHOOK_EVENT_TYPES).describe(`One of: ${WEBHOOK_EVENT_TYPES.join(', ')}`);

export const ZWebhookEventCatalogue = z.object({
  events: z.array(
    z.object({
      type: z.string(),
      description: z.string(),
      payload_example: z.record(z.string(), z.unknown()).describe('What `data` holds in a delivery of this event'),
    }),
  ),
  envelope: z.object({ id: z.string(), event_type: z.string(), timestamp: z.string(), data: z.string() }).describe('The body of every delivery'),
});
export type WebhookEventCatalogueDto = z.infer<typeof ZWebhookEventCatalogue>;

export function webhookEventCatalogue(): WebhookEventCatalogueDto {
  return {
    events: WEBHOOK_EVENT_CATALOGUE.map((event) => ({ type: event.type, description: event.description, payload_example: { ...event.payload_example } })),
    envelope: {
      id: 'Event id (uuid): the same in every subscription the event is delivered to',
      event_type: 'The event type',
      timestamp: 'When the event happened (ISO 8601)',
      data: 'The payload described per event',
    },
  };
}
