import type { TriggerIncident } from './facts.ts';

/** The placeholders a step parameter may use: `{name}` as the whole value (typed) or inside a longer string (as text). */
export const TEMPLATE_PLACEHOLDERS = [
  'source_ip',
  'src_ip',
  'incident_id',
  'severity',
  'escalation_level',
  'risk_score',
  'threat_category',
  'timestamp',
  'title',
  'trigger_id',
  'trigger_name',
] as const;
export type Placeholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

export type TemplateValues = Readonly<Record<Placeholder, string | number>>;

export function templateValues(incident: TriggerIncident, trigger: { id: number; name: string }, at: Date): TemplateValues {
  return {
    source_ip: incident.src_ip,
    src_ip: incident.src_ip,
    incident_id: incident.id,
    severity: incident.severity,
    escalation_level: incident.escalation_level,
    risk_score: incident.risk_score,
    threat_category: incident.threat_category,
    timestamp: at.toISOString(),
    title: incident.title,
    trigger_id: trigger.id,
    trigger_name: trigger.name,
  };
}

const WHOLE = /^\{([a-z_]+)\}$/;
const EVENT_FORM = /^event\.([a-z_]+)$/;
const INSIDE = /\{([a-z_]+)\}/g;

const known = (name: string): name is Placeholder => (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);

function templateString(value: string, values: TemplateValues): unknown {
  // Mini-XDR's two whole-value forms keep the value's type (incident_id and risk_score stay numbers)
  const whole = WHOLE.exec(value) ?? EVENT_FORM.exec(value);
  if (whole?.[1] !== undefined && known(whole[1])) return values[whole[1]];
  // and, beyond Mini-XDR, placeholders inside longer strings become text; unknown names are left as written
  return value.replace(INSIDE, (match, name: string) => (known(name) ? String(values[name]) : match));
}

/** Fills a step's parameters, nested objects and lists included; nothing else changes. */
export function templateParameters(parameters: Readonly<Record<string, unknown>>, values: TemplateValues): Record<string, unknown> {
  return templateValue(parameters, values) as Record<string, unknown>;
}

function templateValue(value: unknown, values: TemplateValues): unknown {
  if (typeof value === 'string') return templateString(value, values);
  if (Array.isArray(value)) return value.map((item) => templateValue(item, values));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, templateValue(item, values)]));
  }
  return value;
}
