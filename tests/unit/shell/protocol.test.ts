// triad://app serves the built renderer and nothing else, with the CSP on every response.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security/csp';
import { createAppRequestHandler } from '../../../src/main/shell/protocol';

let root: string;
let handle: (request: Request) => Promise<Response>;
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'triad-protocol-'));
  const renderer = join(root, 'out', 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Triad</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(renderer, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(renderer, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'package.json'), '{"name":"secret"}');
  symlinkSync(join(root, 'package.json'), join(renderer, 'assets', 'link.json'));
  handle = createAppRequestHandler(renderer);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('triad:// protocol handler', () => {
  it.each([
    ['triad://app/', 'text/html; charset=utf-8', '<!doctype html><title>Triad</title>'],
    ['triad://app/index.html', 'text/html; charset=utf-8', '<!doctype html><title>Triad</title>'],
    ['triad://app/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['triad://app/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['triad://app/assets/logo.svg?v=1#x', 'image/svg+xml', '<svg/>'],
  ])('serves %s as %s with the CSP', async (url, type, body) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(body);
  });

  it.each([
    'triad://app/../package.json',
    'triad://app/assets/../../package.json',
    'triad://app/..%2fpackage.json',
    'triad://app/assets/..%2f..%2f..%2fpackage.json',
    'triad://app/%2e%2e/package.json',
    'triad://app/assets%5c..%5c..%5cpackage.json',
    'triad://app/assets/link.json',
    'triad://app/assets/%00.js',
    'triad://app/missing.js',
    'triad://app/assets',
    'triad://other/index.html',
    'triad://app.evil/index.html',
  ])('refuses %s with 404 and still sends the CSP', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('secret');
  });

  it('answers only reads', async () => {
    expect((await get('triad://app/index.html', 'POST')).status).toBe(405);
    const head = await get('triad://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
