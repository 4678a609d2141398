import type { Check } from './types';
import { Findings, apiEvidence, eachRegion } from './support/findings';

const id = 'config-recording';

export const check: Check = {
  meta: {
    id,
    title: 'AWS Config recording in every region',
    description: 'Checks each collected region for a configuration recorder that is recording and whose last delivery did not fail.',
    classification: {
      pillar: 'integrity',
      secondaryPillars: [],
      principles: ['traceability', 'automate-security-best-practices'],
      layer: 'platform-applications-iam',
      severity: 'medium',
      rationale: 'Without a recorder, configuration changes in that region leave no history and Config rules cannot evaluate them.',
    },
    grading: {
      red: 'The region has no configuration recorder, or it is not recording.',
      yellow: 'The recorder is recording but its last status is Failure.',
      green: 'A recorder is recording without failure.',
    },
    remediation: 'Set up AWS Config in every region you use (or deploy it with CloudFormation StackSets / Control Tower), recording all supported resource types and global resources in one region.',
    references: [
      'https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html',
    ],
  },
  inputs: ['configRecorders'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    eachRegion(inputs, ['configRecorders'], out, ({ configRecorders }, provenance, region) => {
      const evidence = apiEvidence(configRecorders, provenance.configRecorders);
      const target = out.account(region);
      const recording = configRecorders.statuses.filter((s) => s.recording);
      const healthy = recording.find((s) => s.lastStatus !== 'Failure');
      if (configRecorders.recorders.length === 0) out.fail('red', target, `No AWS Config recorder exists in ${region}.`, evidence);
      else if (recording.length === 0) out.fail('red', target, `The AWS Config recorder in ${region} is not recording.`, evidence);
      else if (healthy) out.pass(target, `Recorder "${healthy.name}" is recording.`, evidence);
      else out.fail('yellow', target, `Recorder "${recording[0].name}" in ${region} is failing: ${recording[0].lastErrorCode ?? 'unknown error'} ${recording[0].lastErrorMessage ?? ''}`.trim(), evidence);
    });
    return out.list;
  },
};
