// overview.groups regroups the same findings by pillar, design principle, responsibility layer or source, and
// control.checkMetadata gives a built-in check's page its metadata; both through the real service over a real
// snapshot file (the demo organization, re-evaluated so it also holds the built-in checks).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type OverviewGroups } from '../../../src/shared/api';
import { emptyCounts, addCounts } from '../../../src/shared/scoring';
import { loadCatalog } from '../../../src/main/catalog';
import { evaluateSnapshot } from '../../../src/main/checks-collect/evaluate';
import { demoSnapshotPath } from '../../../src/main/paths';
import type { Platform } from '../../../src/main/services/platform';
import { createTriadService } from '../../../src/main/services/triad-service';

const path = join(mkdtempSync(join(tmpdir(), 'triad-groups-')), 'demo-with-checks.triad');
const platform: Platform = { host: 'browser', emit: () => {} };
const service = createTriadService(platform);
const { handlers } = service;

beforeAll(() => {
  evaluateSnapshot(demoSnapshotPath(), path, loadCatalog());
  service.open(path);
});
afterAll(() => service.close());

const totalOf = (groups: OverviewGroups) => {
  const total = emptyCounts();
  for (const g of groups.groups) addCounts(total, g.score.counts);
  return total;
};

describe('overview.groups', () => {
  it('by pillar gives exactly the overview pillars', async () => {
    const overview = await handlers['overview.get']({});
    const groups = await handlers['overview.groups']({ groupBy: 'pillar' });
    expect(groups.overlapping).toBe(false);
    for (const pillar of overview.pillars.filter((p) => p.controls > 0)) {
      const group = groups.groups.find((g) => g.key === pillar.pillar);
      expect(group?.score, pillar.pillar).toEqual(pillar.score);
      expect(group?.controls).toBe(pillar.controls);
    }
  });

  it('by source and by layer partitions every finding once; by principle counts a control in each of its principles', async () => {
    const overview = await handlers['overview.get']({});
    const bySource = await handlers['overview.groups']({ groupBy: 'source' });
    expect(totalOf(bySource)).toEqual(overview.total.counts);
    expect(bySource.groups.map((g) => g.key)).toEqual(['config-rule', 'conformance-pack', 'built-in', 'trusted-advisor']);
    expect(bySource.groups.find((g) => g.key === 'built-in')?.controls).toBeGreaterThanOrEqual(30);
    const byLayer = await handlers['overview.groups']({ groupBy: 'layer' });
    expect(totalOf(byLayer)).toEqual(overview.total.counts);

    const byPrinciple = await handlers['overview.groups']({ groupBy: 'principle' });
    expect(byPrinciple.overlapping).toBe(true);
    const identity = byPrinciple.groups.find((g) => g.key === 'strong-identity-foundation')!;
    expect(identity.label).toBe('Implement a strong identity foundation');
    const pillarRows = (await Promise.all((['confidentiality', 'integrity', 'availability', 'unclassified'] as const).map((pillar) => handlers['pillar.get']({ pillar })))).flatMap((p) => p.controls);
    expect(identity.controls).toBe(pillarRows.filter((c) => c.principles.includes('strong-identity-foundation')).length);
    expect(identity.topControls.length).toBeLessThanOrEqual(10);
  });

  it('follows the global filters', async () => {
    const builtIn = await handlers['overview.groups']({ groupBy: 'source', filters: { sources: ['built-in'] } });
    expect(builtIn.groups.filter((g) => g.controls > 0).map((g) => g.key)).toEqual(['built-in']);
  });
});

describe('control.checkMetadata', () => {
  it('gives a built-in check its grading, equivalents, inputs and references', async () => {
    const metadata = await handlers['control.checkMetadata']({ controlId: 'built-in:iam-root-mfa' });
    expect(metadata).toMatchObject({
      checkId: 'iam-root-mfa',
      trustedAdvisor: { checkId: '7DAFEmoDos', controlId: 'trusted-advisor:7DAFEmoDos', inSnapshot: false },
      configRule: { identifier: 'ROOT_ACCOUNT_MFA_ENABLED', controlId: 'config-rule:ROOT_ACCOUNT_MFA_ENABLED' },
      inputs: ['IAM account summary'],
    });
    expect(metadata?.grading.red).toMatch(/MFA/);
    expect(metadata?.references.every((url) => url.startsWith('https://'))).toBe(true);
  });

  it('is null for an AWS Config rule, and not-found for an unknown control', async () => {
    const rule = (await handlers['overview.get']({})).topFailing.find((c) => c.source === 'config-rule')!;
    expect(await handlers['control.checkMetadata']({ controlId: rule.id })).toBeNull();
    await expect(async () => handlers['control.checkMetadata']({ controlId: 'built-in:no-such-check' })).rejects.toBeInstanceOf(ApiError);
  });
});
