import type { AlertRow } from '../../db/repos/alerts.repo.ts';
import { type RiskScore, riskScore } from '../../engines/detection/index.ts';
import { alertAsDetection } from '../detection/index.ts';

/** The risk of an incident made from one alert, by the same formula detection uses for its incidents. */
export function alertRisk(alert: AlertRow): RiskScore {
  return riskScore([alertAsDetection(alert)]);
}
