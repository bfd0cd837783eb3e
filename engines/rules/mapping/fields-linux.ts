import type { FieldPath } from '../types.ts';

/**
 * Sigma's Sysmon-style fields for agent process, file and network events (Linux and macOS agents): the normalised
 * columns, and the agent's own detail keys that are not promoted to a column (engines/telemetry/agent-details.ts).
 */
export const AGENT_PROCESS_FIELDS: Readonly<Record<string, readonly FieldPath[]>> = {
  Image: ['processName', 'attributes.exe', 'attributes.executable', 'attributes.process_path'],
  CommandLine: ['processCommandLine'],
  User: ['userName'],
  ParentImage: ['attributes.parent_image', 'attributes.parent_exe', 'attributes.parent_process_path', 'attributes.parent_process_name'],
  ParentCommandLine: ['attributes.parent_command_line', 'attributes.parent_cmdline'],
  CurrentDirectory: ['attributes.cwd', 'attributes.current_directory'],
  ProcessId: ['attributes.pid'],
  ParentProcessId: ['attributes.ppid', 'attributes.parent_pid'],
  LogonId: ['attributes.auid', 'attributes.logon_id'],
  OriginalFileName: ['attributes.original_file_name'],
  TargetFilename: ['fileName'],
  DestinationIp: ['dstIp'],
  DestinationPort: ['dstPort'],
  DestinationHostname: ['attributes.dst_host', 'attributes.destination_hostname', 'attributes.remote_host'],
  SourceIp: ['srcIp'],
  SourcePort: ['srcPort'],
  Initiated: ['attributes.initiated'],
  Protocol: ['transport'],
};

/** Syslog-based Linux services: the record's fields under the usual syslog names. */
export const SYSLOG_FIELDS: Readonly<Record<string, readonly FieldPath[]>> = {
  USER: ['userName', 'raw.USER'],
  message: ['message'],
  host: ['hostName'],
  program: ['processName'],
};
