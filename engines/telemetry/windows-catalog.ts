import type { Outcome } from './event.ts';

/** What Vigil calls a Windows event: its category and the action after `windows.`. */
export type WindowsEventKind = { category: string; action: string; outcome?: Outcome };

const SYSMON: Record<number, WindowsEventKind> = {
  1: { category: 'process', action: 'process_started' },
  2: { category: 'file', action: 'file_time_changed' },
  3: { category: 'network', action: 'connection' },
  4: { category: 'host', action: 'sysmon_state_changed' },
  5: { category: 'process', action: 'process_terminated' },
  6: { category: 'driver', action: 'driver_loaded' },
  7: { category: 'process', action: 'image_loaded' },
  8: { category: 'process', action: 'remote_thread_created' },
  9: { category: 'file', action: 'raw_disk_read' },
  10: { category: 'process', action: 'process_accessed' },
  11: { category: 'file', action: 'file_created' },
  12: { category: 'registry', action: 'registry_key_event' },
  13: { category: 'registry', action: 'registry_value_set' },
  14: { category: 'registry', action: 'registry_renamed' },
  15: { category: 'file', action: 'file_stream_created' },
  16: { category: 'configuration', action: 'sysmon_config_changed' },
  17: { category: 'process', action: 'pipe_created' },
  18: { category: 'process', action: 'pipe_connected' },
  19: { category: 'host', action: 'wmi_filter' },
  20: { category: 'host', action: 'wmi_consumer' },
  21: { category: 'host', action: 'wmi_binding' },
  22: { category: 'dns', action: 'dns_query' },
  23: { category: 'file', action: 'file_deleted' },
  24: { category: 'host', action: 'clipboard_changed' },
  25: { category: 'process', action: 'process_tampering' },
  26: { category: 'file', action: 'file_delete_logged' },
  27: { category: 'file', action: 'file_block_executable' },
  28: { category: 'file', action: 'file_block_shredding' },
  29: { category: 'file', action: 'file_executable_detected' },
  255: { category: 'host', action: 'sysmon_error' },
};

const SECURITY: Record<number, WindowsEventKind> = {
  1102: { category: 'configuration', action: 'audit_log_cleared' },
  4624: { category: 'authentication', action: 'logon', outcome: 'success' },
  4625: { category: 'authentication', action: 'logon', outcome: 'failure' },
  4634: { category: 'authentication', action: 'logoff' },
  4647: { category: 'authentication', action: 'logoff' },
  4648: { category: 'authentication', action: 'explicit_credentials_logon' },
  4656: { category: 'file', action: 'object_handle_requested' },
  4657: { category: 'registry', action: 'registry_value_modified' },
  4663: { category: 'file', action: 'object_accessed' },
  4672: { category: 'iam', action: 'special_privileges_assigned' },
  4688: { category: 'process', action: 'process_started' },
  4689: { category: 'process', action: 'process_terminated' },
  4697: { category: 'configuration', action: 'service_installed' },
  4698: { category: 'configuration', action: 'scheduled_task_created' },
  4699: { category: 'configuration', action: 'scheduled_task_deleted' },
  4702: { category: 'configuration', action: 'scheduled_task_updated' },
  4719: { category: 'configuration', action: 'audit_policy_changed' },
  4720: { category: 'iam', action: 'user_created' },
  4722: { category: 'iam', action: 'user_enabled' },
  4724: { category: 'iam', action: 'password_reset' },
  4726: { category: 'iam', action: 'user_deleted' },
  4728: { category: 'iam', action: 'group_member_added' },
  4732: { category: 'iam', action: 'group_member_added' },
  4738: { category: 'iam', action: 'user_changed' },
  4740: { category: 'iam', action: 'user_locked_out' },
  4756: { category: 'iam', action: 'group_member_added' },
  4768: { category: 'authentication', action: 'kerberos_tgt_requested' },
  4769: { category: 'authentication', action: 'kerberos_service_ticket_requested' },
  4771: { category: 'authentication', action: 'kerberos_preauth_failed', outcome: 'failure' },
  4776: { category: 'authentication', action: 'credential_validation' },
  4794: { category: 'iam', action: 'dsrm_password_set' },
  5136: { category: 'iam', action: 'directory_object_modified' },
  5140: { category: 'file', action: 'share_accessed' },
  5145: { category: 'file', action: 'share_object_checked' },
  5156: { category: 'network', action: 'connection_allowed', outcome: 'success' },
  5157: { category: 'network', action: 'connection_blocked', outcome: 'failure' },
};

const SYSTEM: Record<number, WindowsEventKind> = {
  104: { category: 'configuration', action: 'event_log_cleared' },
  7036: { category: 'configuration', action: 'service_state_changed' },
  7040: { category: 'configuration', action: 'service_start_type_changed' },
  7045: { category: 'configuration', action: 'service_installed' },
};

const POWERSHELL: Record<number, WindowsEventKind> = {
  400: { category: 'process', action: 'powershell_engine_started' },
  600: { category: 'process', action: 'powershell_provider_started' },
  800: { category: 'process', action: 'powershell_pipeline_executed' },
  4103: { category: 'process', action: 'powershell_module_logged' },
  4104: { category: 'process', action: 'powershell_script_block_logged' },
};

const BY_CHANNEL: Array<[string, Record<number, WindowsEventKind>]> = [
  ['microsoft-windows-sysmon/operational', SYSMON],
  ['security', SECURITY],
  ['system', SYSTEM],
  ['microsoft-windows-powershell/operational', POWERSHELL],
  ['powershellcore/operational', POWERSHELL],
  ['windows powershell', POWERSHELL],
];

/** The kind of a Windows event by channel and id; unknown ones are `host` / `event_<id>`. */
export function windowsEventKind(channel: string | null, eventId: number): WindowsEventKind {
  const lower = channel?.toLowerCase() ?? '';
  const table = BY_CHANNEL.find(([name]) => name === lower)?.[1];
  return table?.[eventId] ?? { category: 'host', action: `event_${eventId}` };
}
