import type { Check } from './types';
import { Findings, GLOBAL_REGION, apiEvidence, withAccountInputs } from './support/findings';
import { blockFlags } from './support/s3';

const id = 's3-account-public-access-block';

export const check: Check = {
  meta: {
    id,
    title: 'S3 Block Public Access on for the account',
    description: 'Checks that all four S3 Block Public Access settings are enabled at the account level.',
    classification: {
      pillar: 'confidentiality',
      secondaryPillars: [],
      principles: ['keep-people-away-from-data', 'security-at-all-layers'],
      layer: 'customer-data',
      severity: 'high',
      rationale: 'Account-level Block Public Access is the guard rail that stops any bucket from being made public by mistake.',
    },
    configRule: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
    grading: {
      red: 'No account-level Block Public Access configuration exists.',
      yellow: 'A configuration exists but at least one of the four settings is off.',
      green: 'BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets are all on.',
    },
    remediation: 'Turn on all four Block Public Access settings for the account (S3 console → Block Public Access settings for this account), after confirming no bucket must stay public.',
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/s3-account-level-public-access-blocks-periodic.html',
    ],
  },
  inputs: ['s3AccountPublicAccessBlock'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['s3AccountPublicAccessBlock'], out, ({ s3AccountPublicAccessBlock: block }, provenance) => {
      const target = out.account(GLOBAL_REGION);
      const evidence = apiEvidence({ PublicAccessBlockConfiguration: block === 'none' ? null : block }, provenance.s3AccountPublicAccessBlock);
      if (block === 'none') {
        out.fail('red', target, 'The account has no S3 Block Public Access configuration (NoSuchPublicAccessBlockConfiguration).', evidence);
        return;
      }
      const off = Object.entries(blockFlags(block)).filter(([, on]) => !on).map(([name]) => name);
      if (off.length === 0) out.pass(target, 'All four account-level Block Public Access settings are on.', evidence);
      else out.fail('yellow', target, `Account-level Block Public Access settings off: ${off.join(', ')}.`, evidence);
    });
    return out.list;
  },
};
