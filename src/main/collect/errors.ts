// Turns whatever the SDK threw into what the collector must decide: retry, refresh credentials, pause,
// or record an error and a coverage gap with a reason the auditor can act on.

import type { CoverageState } from '../../shared/domain';

export type ErrorKind =
  | 'throttled'
  | 'access-denied'
  | 'expired-credentials'
  | 'sso-expired'
  | 'region-not-enabled'
  | 'not-found'
  | 'server-error'
  | 'network'
  | 'aborted'
  | 'other';

export interface ClassifiedError {
  kind: ErrorKind;
  code: string;
  message: string;
  httpStatus?: number;
}

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const ACCESS_DENIED_CODES = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'AWSOrganizationsNotInUseException']);
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
/** What AWS answers when a request reaches a region the account has not opted in to. */
const REGION_NOT_ENABLED_CODES = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'OptInRequired', 'AuthFailure']);
const NOT_FOUND_CODES = new Set([
  'NoSuchConfigurationRecorderException',
  'NoSuchConfigRuleException',
  'NoSuchConformancePackException',
  'NoSuchConfigurationAggregatorException',
  'NoSuchDeliveryChannelException',
  'ResourceNotFoundException',
]);

interface SdkLikeError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
}

/** A credential provider message that means the IAM Identity Center session must be renewed by the user. */
export function isSsoSessionExpired(error: unknown): boolean {
  const e = error as SdkLikeError | undefined;
  const text = `${e?.name ?? ''} ${e?.message ?? ''}`;
  return /\bSSO\b/i.test(text) && /expired|invalid|refresh|sso login/i.test(text);
}

export function classifyError(error: unknown): ClassifiedError {
  const e = (error ?? {}) as SdkLikeError;
  const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code ?? 'UnknownError';
  const message = (e.message ?? String(error)).slice(0, 2000);
  const httpStatus = e.$metadata?.httpStatusCode;
  const base = { code, message, httpStatus };
  if (code === 'AbortError' || code === 'RequestAbortedError') return { ...base, kind: 'aborted' };
  if (isSsoSessionExpired(error) && !httpStatus) return { ...base, kind: 'sso-expired' };
  if (THROTTLING_CODES.has(code) || httpStatus === 429) return { ...base, kind: 'throttled' };
  if (EXPIRED_CODES.has(code)) return { ...base, kind: 'expired-credentials' };
  if (REGION_NOT_ENABLED_CODES.has(code)) return { ...base, kind: 'region-not-enabled' };
  if (ACCESS_DENIED_CODES.has(code) || httpStatus === 403) return { ...base, kind: 'access-denied' };
  if (NOT_FOUND_CODES.has(code)) return { ...base, kind: 'not-found' };
  if ((httpStatus !== undefined && httpStatus >= 500) || e.$fault === 'server') return { ...base, kind: 'server-error' };
  if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|socket hang up/i.test(`${code} ${message}`)) return { ...base, kind: 'network' };
  return { ...base, kind: 'other' };
}

/** The coverage state a pair gets when this error stops it, and the reason shown in the coverage panel. */
export function coverageFor(error: ClassifiedError, operation: string): { state: CoverageState; reason: string } {
  switch (error.kind) {
    case 'region-not-enabled':
      return { state: 'skipped', reason: `Region not enabled for this account (opt-in region): ${error.code}` };
    case 'access-denied':
      return { state: 'failed', reason: `Access denied on ${operation}: ${error.message}` };
    case 'expired-credentials':
      return { state: 'failed', reason: `Credentials expired during ${operation} and could not be renewed` };
    case 'sso-expired':
      return { state: 'failed', reason: `SSO session expired before ${operation} (run "aws sso login")` };
    case 'server-error':
      return { state: 'failed', reason: `AWS answered ${error.httpStatus ?? 'a server error'} on ${operation}: ${error.code}` };
    case 'throttled':
      return { state: 'failed', reason: `Still throttled on ${operation} after all retries` };
    default:
      return { state: 'failed', reason: `${operation} failed: ${error.code}: ${error.message}` };
  }
}
