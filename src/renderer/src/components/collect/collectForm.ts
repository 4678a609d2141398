// The "New collection" form as plain data: its fields, the checks it runs before asking the service (the same
// limits as the API's collection.start validator and the collector's own request rules, with messages a user
// can act on), and the CollectionRequest it becomes.
import type { CollectionProfile, CollectionRequest, ProfileKind } from '../../../../shared/api';

export type ScopeMode = 'self' | 'accounts' | 'organization' | 'aggregator';
export const SCOPE_MODES: readonly ScopeMode[] = ['self', 'accounts', 'organization', 'aggregator'];

export type RegionMode = 'list' | 'all';

export interface CollectionForm {
  /** '' is the default credential chain. */
  profile: string;
  scopes: Record<ScopeMode, boolean>;
  /** Account ids separated by commas, spaces or new lines. */
  accounts: string;
  aggregator: string;
  role: string;
  externalId: string;
  mfaSerial: string;
  mfaCode: string;
  /** Seconds, as typed; '' keeps the role's default. */
  sessionDuration: string;
  regionMode: RegionMode;
  /** Region names separated by commas, spaces or new lines. */
  regions: string;
  outPath: string;
  title: string;
  homeRegion: string;
  resume: boolean;
}

/** The form field a problem belongs to; each has an input with id `collect-<field>`. */
export type FormField =
  | 'profile'
  | 'scope'
  | 'accounts'
  | 'aggregator'
  | 'role'
  | 'externalId'
  | 'mfaSerial'
  | 'mfaCode'
  | 'sessionDuration'
  | 'regions'
  | 'outPath'
  | 'title'
  | 'homeRegion';

export interface FormProblem {
  field: FormField;
  message: string;
}

// The same patterns and limits as src/shared/api.ts (collectionRequestV).
const PROFILE_PATTERN = /^[\w+=,.@/-]+$/;
const ACCOUNT_PATTERN = /^\d{12}$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const AWS_NAME_PATTERN = /^[\w+=,.@/-]+$/;
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]+$/;
const MFA_SERIAL_PATTERN = /^[\w+=/:,.@-]+$/;
const MFA_CODE_PATTERN = /^\d{6}$/;
const MAX_ACCOUNTS = 10_000;
const MAX_REGIONS = 100;
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 43_200;

/** Regions most estates use, offered as one-click choices next to the free-text list. */
export const COMMON_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'eu-north-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-south-1',
  'ca-central-1',
  'sa-east-1',
];

export const PROFILE_KIND_LABELS: Record<ProfileKind, string> = {
  sso: 'IAM Identity Center (SSO)',
  role: 'assumes a role',
  process: 'credential_process',
  static: 'static keys or environment',
  'web-identity': 'web identity',
  other: 'other',
};

/** What the profile list shows: name and kind (with its account or role), never anything secret. */
export function profileLabel(profile: CollectionProfile): string {
  const details = [PROFILE_KIND_LABELS[profile.kind]];
  if (profile.accountId) details.push(`account ${profile.accountId}`);
  if (profile.roleArn) details.push(profile.roleArn);
  if (profile.region) details.push(profile.region);
  return `${profile.name} — ${details.join(', ')}`;
}

/** Splits a typed list on commas, white space and new lines; drops blanks and repeats, keeps the order. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

export function formatList(items: readonly string[]): string {
  return items.join(', ');
}

/** The date and UTC time in the default file name, so successive collections do not collide. */
export function defaultOutPath(folder: string | null, now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  const name = `triad-collection-${stamp}.triad`;
  if (!folder) return name;
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`;
}

/** The folder of a path, or null for a bare file name. */
export function folderOf(path: string): string | null {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : null;
}

export function emptyForm(outPath: string): CollectionForm {
  return {
    profile: '',
    scopes: { self: true, accounts: false, organization: false, aggregator: false },
    accounts: '',
    aggregator: '',
    role: '',
    externalId: '',
    mfaSerial: '',
    mfaCode: '',
    sessionDuration: '',
    regionMode: 'list',
    regions: '',
    outPath,
    title: '',
    homeRegion: '',
    resume: false,
  };
}

export function needsRole(form: CollectionForm): boolean {
  return form.scopes.accounts || form.scopes.organization;
}

/** Only the aggregator scope: an empty region list then means every region the aggregator covers. */
export function aggregatorOnly(form: CollectionForm): boolean {
  return form.scopes.aggregator && !form.scopes.self && !form.scopes.accounts && !form.scopes.organization;
}

function checkText(problems: FormProblem[], field: FormField, label: string, value: string, max: number, pattern: RegExp, allowed: string) {
  if (value.length > max) problems.push({ field, message: `${label} is longer than ${max} characters.` });
  else if (!pattern.test(value)) problems.push({ field, message: `${label} may contain only ${allowed}.` });
}

/** Every problem with the form, in the order the fields appear; empty when it can be sent. */
export function formProblems(form: CollectionForm): FormProblem[] {
  const problems: FormProblem[] = [];
  const profile = form.profile.trim();
  if (profile) checkText(problems, 'profile', 'The profile name', profile, 128, PROFILE_PATTERN, 'letters, digits and + = , . @ _ - /');

  if (!SCOPE_MODES.some((mode) => form.scopes[mode])) {
    problems.push({ field: 'scope', message: 'Choose at least one scope: this account, listed accounts, the organization or an aggregator.' });
  }
  if (form.scopes.accounts) {
    const accounts = parseList(form.accounts);
    const bad = accounts.filter((id) => !ACCOUNT_PATTERN.test(id));
    if (accounts.length === 0) problems.push({ field: 'accounts', message: 'List at least one account id (12 digits), or clear "Listed accounts".' });
    else if (bad.length) problems.push({ field: 'accounts', message: `Account ids are 12 digits; not valid: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}.` });
    else if (accounts.length > MAX_ACCOUNTS) problems.push({ field: 'accounts', message: `At most ${MAX_ACCOUNTS.toLocaleString('en-US')} accounts per collection; use the organization scope for more.` });
  }
  if (form.scopes.aggregator) {
    const name = form.aggregator.trim();
    if (!name) problems.push({ field: 'aggregator', message: 'Give the name of the AWS Config aggregator, or clear "Config aggregator".' });
    else checkText(problems, 'aggregator', 'The aggregator name', name, 256, AWS_NAME_PATTERN, 'letters, digits and + = , . @ _ - /');
  }

  if (needsRole(form)) {
    const role = form.role.trim();
    if (!role) problems.push({ field: 'role', message: 'Give the name of the role to assume in each account (for example TriadAuditor).' });
    else if (role.startsWith('arn:')) problems.push({ field: 'role', message: 'Give the role name (for example TriadAuditor or audit/TriadAuditor), not its ARN: the account changes for every account.' });
    else checkText(problems, 'role', 'The role name', role, 512, AWS_NAME_PATTERN, 'letters, digits and + = , . @ _ - /');
    const externalId = form.externalId.trim();
    if (externalId) checkText(problems, 'externalId', 'The ExternalId', externalId, 1224, EXTERNAL_ID_PATTERN, 'letters, digits and + = , . @ : _ - /');
    const serial = form.mfaSerial.trim();
    const code = form.mfaCode.trim();
    if (serial) checkText(problems, 'mfaSerial', 'The MFA device serial', serial, 256, MFA_SERIAL_PATTERN, 'letters, digits and + = / : , . @ _ -');
    if (code && !MFA_CODE_PATTERN.test(code)) problems.push({ field: 'mfaCode', message: 'The MFA code is the 6 digits your device shows now.' });
    if (serial && !code) problems.push({ field: 'mfaCode', message: 'With an MFA device serial, type the 6-digit code your device shows now.' });
    if (code && !serial) problems.push({ field: 'mfaSerial', message: 'An MFA code needs the MFA device serial (its ARN, e.g. arn:aws:iam::111122223333:mfa/alice).' });
    const duration = form.sessionDuration.trim();
    if (duration) {
      const seconds = Number(duration);
      if (!/^\d+$/.test(duration) || seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
        problems.push({ field: 'sessionDuration', message: `The session duration is a whole number of seconds from ${MIN_SESSION_SECONDS} (15 minutes) to ${MAX_SESSION_SECONDS.toLocaleString('en-US')} (12 hours).` });
      }
    }
  }

  if (form.regionMode === 'list') {
    const regions = parseList(form.regions);
    const bad = regions.filter((r) => r.length > 32 || !REGION_PATTERN.test(r));
    if (regions.length === 0 && !aggregatorOnly(form)) {
      problems.push({ field: 'regions', message: 'List at least one region (for example eu-west-1, us-east-1), or choose all enabled regions.' });
    } else if (bad.length) {
      problems.push({ field: 'regions', message: `Region names look like eu-west-1; not valid: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}.` });
    } else if (regions.length > MAX_REGIONS) {
      problems.push({ field: 'regions', message: `At most ${MAX_REGIONS} regions; choose all enabled regions instead.` });
    }
  }

  const outPath = form.outPath.trim();
  if (!outPath) problems.push({ field: 'outPath', message: 'Give the file to write the snapshot to (a path ending in .triad).' });
  else if (outPath.length > 4096) problems.push({ field: 'outPath', message: 'The snapshot path is longer than 4,096 characters.' });
  else if (!outPath.toLowerCase().endsWith('.triad')) problems.push({ field: 'outPath', message: 'Snapshot files end in .triad, so Triad can open them later: add .triad to the file name.' });

  const title = form.title.trim();
  if (title.length > 256) problems.push({ field: 'title', message: 'The title is longer than 256 characters.' });
  const homeRegion = form.homeRegion.trim();
  if (homeRegion && !REGION_PATTERN.test(homeRegion)) problems.push({ field: 'homeRegion', message: `The home region looks like us-east-1; "${homeRegion}" is not a region name.` });
  return problems;
}

/** The request collection.start receives: only what the form sets, trimmed. Call after formProblems is empty. */
export function requestFromForm(form: CollectionForm): CollectionRequest {
  const request: CollectionRequest = { outPath: form.outPath.trim() };
  const profile = form.profile.trim();
  if (profile) request.profile = profile;
  if (form.scopes.self) request.self = true;
  if (form.scopes.accounts) request.accounts = parseList(form.accounts);
  if (form.scopes.organization) request.organization = true;
  if (form.scopes.aggregator) request.aggregator = form.aggregator.trim();
  if (needsRole(form)) {
    request.role = form.role.trim();
    if (form.externalId.trim()) request.externalId = form.externalId.trim();
    if (form.mfaSerial.trim()) request.mfaSerial = form.mfaSerial.trim();
    if (form.mfaCode.trim()) request.mfaCode = form.mfaCode.trim();
    if (form.sessionDuration.trim()) request.sessionDurationSeconds = Number(form.sessionDuration.trim());
  }
  if (form.regionMode === 'all') request.allRegions = true;
  else {
    const regions = parseList(form.regions);
    if (regions.length) request.regions = regions;
  }
  if (form.title.trim()) request.title = form.title.trim();
  if (form.homeRegion.trim()) request.homeRegion = form.homeRegion.trim();
  if (form.resume) request.resume = true;
  return request;
}
