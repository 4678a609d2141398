// Reading IAM credential report rows: which credentials a user holds and when each was last used or rotated.

import type { CredentialReportRow } from '../types';
import { daysSince } from './findings';

export const ROOT_USER = '<root_account>';

export function isRoot(row: CredentialReportRow): boolean {
  return row.user === ROOT_USER;
}

export function userTarget(row: CredentialReportRow): { region: string; resourceType: string; resourceId: string; resourceName: string } {
  return { region: 'global', resourceType: 'AWS::IAM::User', resourceId: row.arn, resourceName: row.user };
}

export interface AccessKeyState {
  slot: 1 | 2;
  active: boolean;
  lastRotated: string;
  lastUsed: string;
}

export function accessKeys(row: CredentialReportRow): AccessKeyState[] {
  return [
    { slot: 1, active: row.access_key_1_active === 'true', lastRotated: row.access_key_1_last_rotated, lastUsed: row.access_key_1_last_used_date },
    { slot: 2, active: row.access_key_2_active === 'true', lastRotated: row.access_key_2_last_rotated, lastUsed: row.access_key_2_last_used_date },
  ];
}

/** Days since the credential was last used; when never used, days since the first issue date that parses. */
export function daysUnused(lastUsed: string, issued: string[], now: string): number | null {
  let days = daysSince(lastUsed, now);
  for (const date of issued) days ??= daysSince(date, now);
  return days;
}
