import type { Check } from './types';
import { Findings, apiEvidence, eachRegion } from './support/findings';

const id = 'guardduty-enabled';

export const check: Check = {
  meta: {
    id,
    title: 'GuardDuty enabled in every region',
    description: 'Checks each collected region for a GuardDuty detector whose status is ENABLED.',
    classification: {
      pillar: 'integrity',
      secondaryPillars: ['confidentiality', 'availability'],
      principles: ['traceability', 'prepare-for-security-events', 'automate-security-best-practices'],
      layer: 'platform-applications-iam',
      severity: 'high',
      rationale: 'GuardDuty is the managed threat detection that notices compromised credentials, instances and unusual API use.',
    },
    configRule: 'GUARDDUTY_ENABLED_CENTRALIZED',
    grading: {
      red: 'The region has no GuardDuty detector.',
      yellow: 'A detector exists but is suspended (status DISABLED).',
      green: 'An ENABLED detector exists.',
    },
    remediation: 'Enable GuardDuty in every region, preferably for the whole organization from a delegated administrator account.',
    references: [
      'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/guardduty-enabled-centralized.html',
    ],
  },
  inputs: ['guardDutyDetectors'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['guardDutyDetectors'], out, ({ guardDutyDetectors }, provenance, region) => {
      const evidence = apiEvidence({ detectors: guardDutyDetectors }, provenance.guardDutyDetectors);
      const enabled = guardDutyDetectors.find((d) => d.Status === 'ENABLED');
      if (enabled) out.pass(out.account(region), `Detector ${enabled.DetectorId} is enabled.`, evidence);
      else if (guardDutyDetectors.length) out.fail('yellow', out.account(region), `GuardDuty detector ${guardDutyDetectors[0].DetectorId} in ${region} is suspended.`, evidence);
      else out.fail('red', out.account(region), `GuardDuty is not enabled in ${region}.`, evidence);
    });
    return out.list;
  },
};
