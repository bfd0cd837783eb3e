export { ALERT_SEVERITIES, ALERT_STATUSES, ZAlert } from './alert.dto.ts';
export { ALERT_ACTIONS, type AlertActionName, type AlertActionTarget, requestAlertActionTarget } from './alert-actions.service.ts';
export { ZAlertDetail, ZAlertEscalation } from './alert-detail.dto.ts';
export { invalidField } from './alert-errors.ts';
export { getOrgAlertDetail, listOrgAlerts } from './alerts-read.service.ts';
export { deleteOrgAlert } from './delete-alert.service.ts';
export { escalateOrgAlert } from './escalate-alert.service.ts';
export { reportAlert } from './report-alert.service.ts';
export { updateOrgAlert } from './update-alert.service.ts';
