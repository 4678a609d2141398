// The collector's pure parts: rate limiting, backoff, error classification, configuration-item parsing,
// scope planning, control identity, status mapping, redaction and profile listing.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigurationItem, uniqueResourceKeys, chunk } from '../../../src/main/collect/config-items';
import { ruleLevelStatus, statusOf } from '../../../src/main/collect/config-pair';
import { baseRuleName, controlIdFor, identityFromRuleName } from '../../../src/main/collect/controls';
import { listProfiles, profileKind, ssoLoginHint } from '../../../src/main/collect/credentials';
import { classifyError, coverageFor } from '../../../src/main/collect/errors';
import { concurrencyLimit, fullJitterDelay, mapConcurrent, TokenBucket } from '../../../src/main/collect/rate-limit';
import { REDACTED, redactParams } from '../../../src/main/collect/redact';
import { describeScope, requestProblems, roleArnFor, sessionNameFor } from '../../../src/main/collect/scope';

describe('token bucket', () => {
  it('allows the burst at once, then one token per 1/rate seconds', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    now = 99;
    expect(bucket.tryTake()).toBe(false);
    now = 100;
    expect(bucket.tryTake()).toBe(true);
    now = 10_000;
    // Refill is capped at the burst.
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
  });

  it('serves waiters in order at the configured rate, and drain() empties it after a throttle', async () => {
    const bucket = new TokenBucket(50, 1);
    const order: number[] = [];
    const started = performance.now();
    await Promise.all([0, 1, 2, 3, 4].map((i) => bucket.take().then(() => order.push(i))));
    const elapsed = performance.now() - started;
    expect(order).toEqual([0, 1, 2, 3, 4]);
    // 1 immediate + 4 × 20 ms.
    expect(elapsed).toBeGreaterThanOrEqual(70);
    bucket.drain();
    expect(bucket.tryTake()).toBe(false);
  });

  it('rejects a waiting take when its signal aborts', async () => {
    const bucket = new TokenBucket(0.001, 1);
    bucket.tryTake();
    const abort = new AbortController();
    const waiting = bucket.take(abort.signal);
    abort.abort();
    await expect(waiting).rejects.toThrow('cancelled');
  });
});

describe('backoff', () => {
  it('uses full jitter: uniform in [0, min(cap, base·2^attempt))', () => {
    expect(fullJitterDelay(0, 100, 10_000, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, 100, 10_000, () => 0.5)).toBe(400);
    expect(fullJitterDelay(20, 100, 10_000, () => 0.999)).toBe(9990);
    expect(fullJitterDelay(5, 100, 10_000, () => 0)).toBe(0);
  });

  it('mapConcurrent keeps at most `limit` tasks in flight and stops starting new ones after a failure', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapConcurrent([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return n * 2;
    });
    expect(results).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
    const started: number[] = [];
    await expect(
      mapConcurrent([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });

  it('concurrencyLimit runs at most `limit` tasks at once, in arrival order, and frees the slot of a failed one', async () => {
    const limited = concurrencyLimit(2);
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      if (n === 1) throw new Error('one failed');
      return n;
    };
    const runs = [1, 2, 3, 4, 5].map((n) => limited(task(n)));
    await expect(runs[0]).rejects.toThrow('one failed');
    expect(await Promise.all(runs.slice(1))).toEqual([2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    // Every slot is free again.
    expect(await Promise.all([limited(task(6)), limited(task(7))])).toEqual([6, 7]);
  });
});

describe('error classification', () => {
  const sdkError = (name: string, status: number, fault = 'client') => Object.assign(new Error(`${name} message`), { name, $metadata: { httpStatusCode: status }, $fault: fault });

  it('sorts AWS errors into what the collector does about them', () => {
    expect(classifyError(sdkError('ThrottlingException', 400)).kind).toBe('throttled');
    expect(classifyError(sdkError('Throttling', 400)).kind).toBe('throttled');
    expect(classifyError(sdkError('AccessDeniedException', 400)).kind).toBe('access-denied');
    expect(classifyError(sdkError('AccessDenied', 403)).kind).toBe('access-denied');
    expect(classifyError(sdkError('ExpiredTokenException', 400)).kind).toBe('expired-credentials');
    expect(classifyError(sdkError('ExpiredToken', 400)).kind).toBe('expired-credentials');
    expect(classifyError(sdkError('UnrecognizedClientException', 400)).kind).toBe('region-not-enabled');
    expect(classifyError(sdkError('ServiceUnavailable', 503, 'server')).kind).toBe('server-error');
    expect(classifyError(sdkError('InternalFailure', 500, 'server')).kind).toBe('server-error');
    expect(classifyError(sdkError('NoSuchConfigurationAggregatorException', 400)).kind).toBe('not-found');
    expect(classifyError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })).kind).toBe('network');
  });

  it('recognises an expired IAM Identity Center session from the credential provider', () => {
    const error = Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login'), { name: 'CredentialsProviderError' });
    expect(classifyError(error).kind).toBe('sso-expired');
    expect(ssoLoginHint('audit')).toBe('SSO session for profile audit expired: run "aws sso login --profile audit"');
  });

  it('gives each stopping error a coverage state and a reason', () => {
    expect(coverageFor(classifyError(sdkError('UnrecognizedClientException', 400)), 'DescribeConfigurationRecorders').state).toBe('skipped');
    const denied = coverageFor(classifyError(sdkError('AccessDeniedException', 400)), 'DescribeConfigRules');
    expect(denied).toEqual({ state: 'failed', reason: 'Access denied on DescribeConfigRules: AccessDeniedException message' });
    expect(coverageFor(classifyError(sdkError('ServiceUnavailable', 503, 'server')), 'DescribeConfigRules').reason).toContain('503');
  });
});

describe('configuration items', () => {
  it('parses configuration and supplementaryConfiguration from JSON strings and keeps bad JSON as text', () => {
    const parsed = parseConfigurationItem({
      resourceType: 'AWS::S3::Bucket',
      resourceId: 'logs',
      configurationItemCaptureTime: new Date('2026-11-20T08:00:00Z'),
      configuration: '{"name":"logs","versioning":{"status":"Enabled"}}',
      supplementaryConfiguration: { BucketPolicy: '{"policyText":null}', Broken: '{not json', AccessControlList: JSON.stringify('{"grantList":[]}') },
    });
    expect(parsed.configuration).toEqual({ name: 'logs', versioning: { status: 'Enabled' } });
    expect(parsed.supplementaryConfiguration).toEqual({ BucketPolicy: { policyText: null }, Broken: '{not json', AccessControlList: { grantList: [] } });
    expect(parsed.parseErrors).toEqual(['supplementaryConfiguration.Broken is not valid JSON; kept as text']);
    expect(parsed.configurationItemCaptureTime).toBe('2026-11-20T08:00:00.000Z');
    expect('arn' in parsed).toBe(false);
  });

  it('deduplicates resource keys and skips what Config does not record', () => {
    const keys = uniqueResourceKeys([
      { resourceType: 'AWS::S3::Bucket', resourceId: 'a' },
      { resourceType: 'AWS::::Account', resourceId: '111111111111' },
      { resourceType: 'AWS::S3::Bucket', resourceId: 'a' },
      { resourceType: 'AWS::EC2::Volume', resourceId: 'a' },
    ]);
    expect(keys).toEqual([
      { resourceType: 'AWS::S3::Bucket', resourceId: 'a' },
      { resourceType: 'AWS::EC2::Volume', resourceId: 'a' },
    ]);
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('statuses', () => {
  it('maps Config compliance types one to one, and anything unknown to ERROR', () => {
    for (const s of ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'INSUFFICIENT_DATA'] as const) expect(statusOf(s)).toBe(s);
    expect(statusOf('SOMETHING_NEW')).toBe('ERROR');
    expect(statusOf(undefined)).toBe('ERROR');
  });

  it('gives rules without results one rule-level row that says why', () => {
    const t = (iso: string) => new Date(iso);
    expect(ruleLevelStatus({ hasResults: true, fetchFailed: false, summary: 'COMPLIANT', evaluation: { LastSuccessfulEvaluationTime: t('2026-11-01') } })).toBeNull();
    const failed = ruleLevelStatus({
      hasResults: true,
      fetchFailed: false,
      evaluation: { LastSuccessfulEvaluationTime: t('2026-11-01'), LastFailedEvaluationTime: t('2026-11-02'), LastErrorCode: 'LambdaError', LastErrorMessage: 'timeout' },
    });
    expect(failed).toEqual({ status: 'ERROR', annotation: 'LambdaError: timeout', problem: 'evaluation-error' });
    const stuck = ruleLevelStatus({ hasResults: false, fetchFailed: false, summary: 'INSUFFICIENT_DATA', evaluation: { FirstActivatedTime: t('2026-11-01T00:00:00Z') } });
    expect(stuck?.status).toBe('NOT_EVALUATED');
    expect(stuck?.problem).toBe('never-evaluated');
    expect(stuck?.annotation).toContain('since 2026-11-01T00:00:00.000Z');
    expect(ruleLevelStatus({ hasResults: false, fetchFailed: true })?.status).toBe('NOT_EVALUATED');
    expect(ruleLevelStatus({ hasResults: false, fetchFailed: false, summary: 'INSUFFICIENT_DATA', evaluation: { LastSuccessfulEvaluationTime: t('2026-11-01') } })?.status).toBe('INSUFFICIENT_DATA');
    expect(ruleLevelStatus({ hasResults: false, fetchFailed: false, summary: 'NON_COMPLIANT', evaluation: { LastSuccessfulEvaluationTime: t('2026-11-01') } })?.status).toBe('NOT_EVALUATED');
  });
});

describe('control identity', () => {
  it('follows the seams: managed, custom and conformance-pack controls, stable across accounts', () => {
    expect(controlIdFor({ ruleName: 's3-bucket-public-read-prohibited', owner: 'AWS', sourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED' })).toBe('config-rule:S3_BUCKET_PUBLIC_READ_PROHIBITED');
    expect(controlIdFor({ ruleName: 'tagging', owner: 'CUSTOM_LAMBDA', sourceIdentifier: 'arn:aws:lambda:x' })).toBe('config-rule:custom:tagging');
    expect(controlIdFor({ ruleName: 'x-conformance-pack-ab12cd', owner: 'AWS', sourceIdentifier: 'ENCRYPTED_VOLUMES' }, 'Ops')).toBe('conformance-pack:Ops:ENCRYPTED_VOLUMES');
    expect(controlIdFor({ ruleName: 'my-check-conformance-pack-ab12cd', owner: 'CUSTOM_POLICY' }, 'Ops')).toBe('conformance-pack:Ops:custom:my-check');
    expect(baseRuleName('encrypted-volumes-conformance-pack-x1y2z3')).toBe('encrypted-volumes');
  });

  it('recognises managed rules behind aggregated rule names only when the catalog knows them', () => {
    const catalog = { knowsManagedRule: (id: string) => id === 'ENCRYPTED_VOLUMES' };
    expect(identityFromRuleName('encrypted-volumes-conformance-pack-x1y2z3', catalog)).toEqual({ ruleName: 'encrypted-volumes-conformance-pack-x1y2z3', owner: 'AWS', sourceIdentifier: 'ENCRYPTED_VOLUMES' });
    expect(identityFromRuleName('my-rule', catalog)).toEqual({ ruleName: 'my-rule' });
  });
});

describe('scope planning', () => {
  it('names the session triad-<user>, reduced to what STS accepts', () => {
    expect(sessionNameFor('arn:aws:iam::111111111111:user/auditor')).toBe('triad-auditor');
    expect(sessionNameFor('arn:aws:iam::111111111111:user/team/alice')).toBe('triad-alice');
    expect(sessionNameFor('arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Audit_0a1b/jane.doe@example.com')).toBe('triad-jane.doe@example.com');
    expect(sessionNameFor('arn:aws:iam::111111111111:root')).toBe('triad-root');
    expect(sessionNameFor(`arn:aws:iam::111111111111:user/${'x'.repeat(80)}`)).toHaveLength(64);
    expect(sessionNameFor('arn:aws:sts::1:assumed-role/R/we!rd name')).toBe('triad-we-rd-name');
  });

  it('builds role ARNs in the caller partition', () => {
    expect(roleArnFor('TriadAuditor', '333333333333', 'aws')).toBe('arn:aws:iam::333333333333:role/TriadAuditor');
    expect(roleArnFor('audit/TriadAuditor', '333333333333', 'aws-us-gov')).toBe('arn:aws-us-gov:iam::333333333333:role/audit/TriadAuditor');
    expect(roleArnFor('arn:aws:iam::000000000000:role/X', '333333333333', 'aws')).toBe('arn:aws:iam::333333333333:role/X');
  });

  it('explains what is missing from a request', () => {
    expect(requestProblems({ outPath: 'x' })).toEqual([
      'Choose a scope: self, a list of accounts, the organization, or an aggregator',
    ]);
    expect(requestProblems({ outPath: 'x', accounts: ['123'], regions: ['eu-west-1'] })).toEqual([
      'A role name to assume in each account is required with --accounts and --org',
      'Account id 123 is not 12 digits',
    ]);
    expect(requestProblems({ outPath: 'x', self: true })).toEqual(['Choose the regions: a list (e.g. eu-west-1,us-east-1) or all enabled regions']);
    expect(requestProblems({ outPath: 'x', aggregator: 'org' })).toEqual([]);
    expect(requestProblems({ outPath: 'x', self: true, allRegions: true, mfaCode: '123456' })).toEqual(['An MFA code needs the MFA device serial (--mfa-serial)']);
    expect(describeScope({ outPath: 'x', self: true, organization: true, role: 'R', allRegions: true })).toBe('own account + organization accounts via role R; regions: all enabled regions');
  });
});

describe('redaction', () => {
  it('removes secrets from provenance parameters, at any depth', () => {
    expect(
      redactParams({ RoleArn: 'arn', TokenCode: '123456', ExternalId: 'x', nested: [{ SessionToken: 't', ok: 1 }], NextToken: 'page-2', when: new Date(0) }),
    ).toEqual({ RoleArn: 'arn', TokenCode: REDACTED, ExternalId: REDACTED, nested: [{ SessionToken: REDACTED, ok: 1 }], NextToken: 'page-2', when: '1970-01-01T00:00:00.000Z' });
  });
});

describe('profiles', () => {
  it('lists profiles with their kind and never a secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triad-profiles-'));
    const config = join(dir, 'config');
    const credentials = join(dir, 'credentials');
    writeFileSync(
      config,
      [
        '[profile audit-sso]',
        'sso_session = corp',
        'sso_account_id = 111111111111',
        'sso_role_name = Audit',
        'region = eu-west-1',
        '[profile audit-role]',
        'role_arn = arn:aws:iam::222222222222:role/TriadAuditor',
        'source_profile = keys',
        '[profile helper]',
        'credential_process = /usr/local/bin/get-creds',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        '',
      ].join('\n'),
    );
    writeFileSync(credentials, ['[keys]', 'aws_access_key_id = AKIAEXAMPLEEXAMPLE12', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', ''].join('\n'));
    const profiles = await listProfiles({ configFilepath: config, filepath: credentials });
    expect(profiles).toEqual([
      { name: 'audit-role', kind: 'role', roleArn: 'arn:aws:iam::222222222222:role/TriadAuditor' },
      { name: 'audit-sso', kind: 'sso', region: 'eu-west-1', accountId: '111111111111' },
      { name: 'helper', kind: 'process' },
      { name: 'keys', kind: 'static' },
    ]);
    const text = JSON.stringify(profiles);
    expect(text).not.toContain('AKIAEXAMPLE');
    expect(text).not.toContain('wJalrX');
    expect(text).not.toContain('get-creds');
    expect(profileKind({ web_identity_token_file: '/t' })).toBe('web-identity');
  });
});
