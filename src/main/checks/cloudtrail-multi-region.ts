import type { Check } from './types';
import { Findings, GLOBAL_REGION, apiEvidence, withAccountInputs } from './support/findings';

const id = 'cloudtrail-multi-region';

export const check: Check = {
  meta: {
    id,
    title: 'CloudTrail multi-region trail with log file validation',
    description:
      'Checks that at least one trail records all regions, is logging, validates its log files and delivers without errors. Organization trails from the management account count.',
    classification: {
      pillar: 'integrity',
      secondaryPillars: ['confidentiality'],
      principles: ['traceability', 'prepare-for-security-events'],
      layer: 'platform-applications-iam',
      severity: 'high',
      rationale: 'Without a complete, tamper-evident record of API activity, incidents cannot be reconstructed or attributed.',
    },
    trustedAdvisor: { name: 'AWS CloudTrail Logging', checkId: 'vjafUGJ9H0' },
    configRule: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
    grading: {
      red: 'No trail is logging (Trusted Advisor red: no trail, or logging turned off).',
      yellow: 'Trails log, but none is multi-region with log file validation, or the best trail reports a delivery error (Trusted Advisor yellow).',
      green: 'A logging multi-region trail has log file validation on and no delivery error.',
    },
    remediation:
      'Create (or update) one multi-region trail, ideally an organization trail, with log file validation on, delivering to a dedicated, private, access-logged S3 bucket; keep logging on.',
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html',
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
    ],
  },
  inputs: ['cloudTrailTrails'],
  evaluate(inputs) {
    const out = new Findings(id, inputs.accountId);
    withAccountInputs(inputs, ['cloudTrailTrails'], out, ({ cloudTrailTrails: trails }, provenance) => {
      const target = out.account(GLOBAL_REGION);
      const evidence = apiEvidence({ trails }, provenance.cloudTrailTrails);
      const logging = trails.filter((t) => t.Status?.IsLogging);
      const complete = logging.filter((t) => t.IsMultiRegionTrail && t.LogFileValidationEnabled);
      const healthy = complete.find((t) => !t.Status?.LatestDeliveryError);
      if (logging.length === 0) {
        out.fail('red', target, trails.length ? `No trail is logging (${trails.map((t) => `"${t.Name}" stopped`).join(', ')}).` : 'The account has no CloudTrail trail.', evidence);
      } else if (healthy) {
        out.pass(target, `Trail "${healthy.Name}" logs all regions with log file validation.`, evidence);
      } else if (complete.length) {
        out.fail('yellow', target, `Trail "${complete[0].Name}" reports a delivery error: ${complete[0].Status?.LatestDeliveryError}.`, evidence);
      } else {
        const gaps = logging.map((t) => `"${t.Name}": ${[!t.IsMultiRegionTrail && 'single-region', !t.LogFileValidationEnabled && 'log file validation off'].filter(Boolean).join(', ')}`);
        out.fail('yellow', target, `No logging trail is multi-region with log file validation (${gaps.join('; ')}).`, evidence);
      }
    });
    return out.list;
  },
};
