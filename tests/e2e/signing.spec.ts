// Issue 7 end to end, in Chromium against the browser host: generate a signing key in the UI (the host's key store
// is the test-only plain folder), trust it, sign the open snapshot, and see the badge turn Verified; the signed file
// verifies on its own against the trusted-keys list the UI wrote.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTrustedKeys, verifySnapshotFile } from '../../src/main/integrity';
import { expect, test } from './fixtures';
import { issue7Files } from './issue7-files';

const files = issue7Files();
const keysDir = mkdtempSync(join(tmpdir(), 'triad-e2e-keys-'));
const snapshot = join(files.dir, 'to-sign.triad');
copyFileSync(files.original, snapshot);
const trustedKeys = join(keysDir, 'trusted-keys.json');
test.afterAll(() => {
  rmSync(files.dir, { recursive: true, force: true });
  rmSync(keysDir, { recursive: true, force: true });
});

test.use({ snapshotPath: snapshot, hostArgs: ['--test-signing-key-dir', keysDir, '--trusted-keys', trustedKeys, '--output-dir', keysDir] });

/** Serious or critical axe violations on the page as it is now. */
async function axeBlocking(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${where} ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
}

test('create a key, trust it, sign the snapshot: the badge says Verified', async ({ page, host }) => {
  await page.goto(`${host.url}#/signing`);
  await expect(page.getByTestId('signing-test-only')).toBeVisible();
  await expect(page.getByTestId('integrity-badge')).toHaveText('Unsigned');
  await page.getByTestId('signing-key-name').fill('E2E Auditor');
  await page.getByTestId('signing-create').click();
  const fingerprint = (await page.getByTestId('signing-fingerprint').textContent()) ?? '';
  expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);

  await page.getByTestId('signing-export-public').click();
  await expect(page.getByTestId('signing-exported')).toContainText(join(keysDir, 'E2E Auditor.pub.pem'));

  await page.getByTestId('signing-trust-own').click();
  await expect(page.getByTestId('trusted-key-row')).toHaveCount(1);
  await expect(page.getByTestId('trusted-key-row')).toContainText(fingerprint);

  await page.getByTestId('signing-sign').click();
  await expect(page.getByTestId('signing-signed')).toContainText('Signed by E2E Auditor');
  await expect(page.getByTestId('integrity-badge')).toHaveText('Verified');
  expect(await axeBlocking(page, '#/signing')).toEqual([]);
  expect(verifySnapshotFile(snapshot, { trusted: loadTrustedKeys(trustedKeys) })).toMatchObject({
    state: 'verified',
    signatures: [expect.objectContaining({ signer: 'E2E Auditor', fingerprint, trustedAs: 'E2E Auditor', state: 'valid' })],
  });

  // Removing the key from the list: the signature still checks out, but its signer is no longer trusted.
  await page.getByTestId('trusted-key-remove').click();
  await expect(page.getByTestId('trusted-key-row')).toHaveCount(0);
  await expect(page.getByTestId('integrity-badge')).toHaveAttribute('data-state', 'untrusted');
});

test('a private key pasted as a trusted key is refused with the reason', async ({ page, host }) => {
  await page.goto(`${host.url}#/signing`);
  await page.getByTestId('trusted-add-name').fill('Oops');
  await page.getByTestId('trusted-add-pem').fill('-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----');
  await page.getByTestId('trusted-add').click();
  await expect(page.getByTestId('signing-error')).toContainText('that is a PRIVATE key');
});
