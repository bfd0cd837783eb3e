import type { Detection } from '../../engines/detection/index.ts';
import type { NewAlertValues, NewIncidentValues } from './detection-rows.ts';

// The plan of one detection pass, as plain data: what planDetections reads and what applyDetectionPlan writes.

/** A not-closed alert sharing a fingerprint with one of the detections. */
export type OpenAlert = {
  id: number;
  fingerprint: string;
  incidentId: number | null;
  occurrences: number;
  firstSeen: Date;
  lastSeen: Date;
  severity: string;
  /** Events already linked to it. */
  linkedEvents: number;
};

export type KnownIncident = { id: number; active: boolean; entityType: string; entityValue: string; category: string; lastSeen: Date };

/** What the plan reads: the detections of a pass (detectors, rules or ML alike) and the rows they may extend. */
export type DetectionPlanInput = {
  detections: readonly Detection[];
  /** When each event the detections cite occurred; events missing here are not linked. */
  eventTimes: ReadonlyMap<number, Date>;
  /** Newest first: the first alert of a fingerprint is the one a detection may extend. */
  openAlerts: readonly OpenAlert[];
  /** The incidents the open alerts are filed under, whatever their status. */
  alertIncidents: readonly KnownIncident[];
  /** Incidents of the detections' entities, newest first: the ones a new alert may join. */
  recentIncidents: readonly KnownIncident[];
};

/** A new alert as planned; severity is text, as alerts store it, since the plan folds severities read back from alerts. */
export type NewAlertRow = Omit<NewAlertValues, 'severity'> & { severity: string };

/** Rows inserted by the plan have no id yet: they are named by their position in the plan's list. */
export type IncidentRef = { kind: 'existing'; id: number } | { kind: 'created'; index: number };
export type AlertRef = { kind: 'existing'; id: number } | { kind: 'inserted'; index: number };

export type AlertExtensionPlan = {
  id: number;
  occurrences: number;
  firstSeen: Date;
  lastSeen: Date;
  severity: string;
  evidence: string;
  description: string;
  incident: IncidentRef;
};

export type TimelinePlan =
  | { kind: 'created'; incident: IncidentRef; actorId: string; category: string }
  | { kind: 'alert_added'; incident: IncidentRef; actorId: string; alert: AlertRef; title: string };

export type DetectionPlan = {
  incidentsToCreate: NewIncidentValues[];
  alertsToInsert: { values: NewAlertRow; incident: IncidentRef }[];
  alertsToExtend: AlertExtensionPlan[];
  eventLinks: { alert: AlertRef; eventId: number; occurredAt: Date }[];
  timeline: TimelinePlan[];
  /** Every incident the pass touched, once, in the order first touched. */
  rollups: IncidentRef[];
};
