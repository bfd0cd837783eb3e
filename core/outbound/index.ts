export { type AddressClass, classifyAddress, isIpLiteral } from './address.ts';
export {
  allowlistCoversAddress,
  allowlistNamesHost,
  EMPTY_ALLOWLIST,
  judgeAddress,
  type OutboundAllowlist,
  parseAllowlistEntry,
  parseOutboundAllowlist,
} from './allowlist.ts';
export { outboundPolicyOf } from './policy.ts';
export {
  checkDestination,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_OUTBOUND_TIMEOUT_MS,
  type DestinationCheck,
  OUTBOUND_FAILURES,
  type OutboundFailure,
  type OutboundFailureReason,
  type OutboundPolicy,
  type OutboundRequest,
  type OutboundResponse,
  type OutboundResult,
  type Resolver,
  sendOutbound,
} from './request.ts';
