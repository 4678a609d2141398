import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { loadCatalog } from '../../../src/main/catalog';
import { toJson, type CatalogJson } from '../../../src/main/cli/commands/catalog';
import { projectRoot } from '../../../src/main/paths';

const scratch = mkdtempSync(join(tmpdir(), 'triad-catalog-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function triad(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src/main/cli/index.ts'), ...args], {
    cwd: projectRoot(),
    encoding: 'utf8',
  });
}

describe('triad catalog', () => {
  it('--json lists every managed rule with its classification and rationale', () => {
    const result = triad('catalog', '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as CatalogJson;
    expect(json).toMatchObject({ format: 'triad-catalog', version: 1, overrides: null });
    expect(json.controls).toHaveLength(813);
    expect(json.controls.every((c) => c.origin === 'catalog' && c.classification?.rationale)).toBe(true);
    expect(json.controls.find((c) => c.sourceIdentifier === 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED')).toMatchObject({
      id: 'config-rule:CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
      resourceTypes: ['AWS::CloudTrail::Trail'],
      classification: { pillar: 'integrity' },
    });
  });

  it('prints the chosen rules as text, with overrides marked and recorded', () => {
    const overrides = join(scratch, 'audit-2026.json');
    writeFileSync(overrides, JSON.stringify({ overrides: { VPC_FLOW_LOGS_ENABLED: { severity: 'critical', rationale: 'Required by our network policy.' } } }));
    const result = triad('catalog', 'VPC_FLOW_LOGS_ENABLED', 'RDS_MULTI_AZ_SUPPORT', '--overrides', overrides);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('overrides audit-2026.json (1, sha256 ');
    expect(result.stdout).toMatch(/VPC_FLOW_LOGS_ENABLED {2}\[override\]\n {2}Integrity · critical · os-network-firewall · traceability\n {2}Required by our network policy\./);
    expect(result.stdout).toContain(`RDS_MULTI_AZ_SUPPORT\n  Availability · medium`);
    expect(result.stdout).toContain('2 controls: 1 from the catalog, 1 overridden, 0 unclassified.');
  });

  it('fails with one line naming the override file, entry and field', () => {
    const bad = join(scratch, 'bad.json');
    writeFileSync(bad, JSON.stringify({ overrides: { KMS_CMK_NOT_SCHEDULED_FOR_DELETION: { layer: 'disk', rationale: 'x' } } }));
    const result = triad('catalog', '--overrides', bad);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`${bad}: override "KMS_CMK_NOT_SCHEDULED_FOR_DELETION": layer is "disk"`);
  });

  it('refuses an identifier that is not a managed rule', () => {
    const result = triad('catalog', 'NOT_A_RULE');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('NOT_A_RULE is not an AWS Config managed rule identifier');
  });

  it('shows a rule missing from the catalog as unclassified', () => {
    const catalogPath = join(scratch, 'partial-catalog.json');
    writeFileSync(catalogPath, JSON.stringify({ schema: 1, version: 'test', entries: {} }));
    const json = toJson(loadCatalog({ catalogPath }), ['S3_BUCKET_PUBLIC_READ_PROHIBITED']);
    expect(json.controls).toEqual([
      expect.objectContaining({ sourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED', origin: 'unclassified', classification: null }),
    ]);
  });
});
