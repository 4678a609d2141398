import type { Check } from './types';
import { Findings, apiEvidence, eachRegion } from './support/findings';

const id = 'iam-access-analyzer-enabled';
const EXTERNAL_ACCESS_TYPES = new Set(['ACCOUNT', 'ORGANIZATION']);

export const check: Check = {
  meta: {
    id,
    title: 'IAM Access Analyzer enabled in every region',
    description: 'Checks each region for an active IAM Access Analyzer external access analyzer (account or organization zone of trust).',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: [],
      principles: ['automate-security-best-practices', 'keep-people-away-from-data'],
      layer: 'platform-applications-iam',
      severity: 'medium',
      rationale: 'Access Analyzer reports resources shared outside the account or organization, which would otherwise go unnoticed.',
    },
    configRule: 'IAM_EXTERNAL_ACCESS_ANALYZER_ENABLED',
    grading: {
      yellow: 'The region has no ACTIVE analyzer of type ACCOUNT or ORGANIZATION.',
      green: 'The region has an ACTIVE external access analyzer.',
    },
    remediation: 'Create an analyzer in every region you use (IAM console → Access Analyzer → Create analyzer), with the organization as zone of trust from the delegated administrator.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/iam-external-access-analyzer-enabled.html',
    ],
  },
  inputs: ['accessAnalyzers'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['accessAnalyzers'], out, ({ accessAnalyzers }, provenance, region) => {
      const evidence = apiEvidence({ analyzers: accessAnalyzers }, provenance.accessAnalyzers);
      const active = accessAnalyzers.find((a) => EXTERNAL_ACCESS_TYPES.has(a.type) && a.status === 'ACTIVE');
      if (active) out.pass(out.account(region), `Analyzer "${active.name}" (${active.type}) is active.`, evidence);
      else out.fail('yellow', out.account(region), `No active external access analyzer in ${region}.`, evidence);
    });
    return out.list;
  },
};
