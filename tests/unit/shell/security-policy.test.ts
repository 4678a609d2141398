// The CSP string and the external-link allowlist: the two policies both hosts share.

import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../../../src/main/security/csp';
import { isAllowedExternalUrl } from '../../../src/main/security/external-links';

const directives = (policy: string) =>
  new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));

describe('Content-Security-Policy', () => {
  it('allows only the app origin, never eval, inline script or remote hosts', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('in development adds only the loopback dev server and its hot-reload socket, still without eval', () => {
    const csp = directives(devContentSecurityPolicy('http://localhost:5173/'));
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(csp.get('script-src')).toEqual(["'self'", 'http://localhost:5173']);
    expect(devContentSecurityPolicy('http://localhost:5173/')).not.toContain('unsafe-eval');
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-public-read-prohibited.html',
    'https://aws.amazon.com/compliance/shared-responsibility-model/',
    'https://console.aws.amazon.com/config/home',
    'https://eu-west-1.console.aws.amazon.com/config/home?region=eu-west-1#/rules',
    'https://us-gov-west-1.console.aws.amazon.com/',
    'https://github.com/awslabs/aws-config-rules/tree/master/python',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'http://docs.aws.amazon.com/config/',
    'https://docs.aws.amazon.com.evil.example/',
    'https://evil.example/?u=https://docs.aws.amazon.com/',
    'https://user:pass@docs.aws.amazon.com/',
    'https://docs.aws.amazon.com:8443/',
    'https://evil.console.aws.amazon.com.example/',
    'https://github.com/evil/repo',
    'https://github.com/awslabs/aws-config-rules/../../evil/repo',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'triad://app/index.html',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});
