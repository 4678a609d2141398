// Untrusted text the demo plants in its resources, so every view, export and report can be seen to keep it
// inert: markup, spreadsheet formulas, a very long value, right-to-left overrides and emoji. Stored as-is.

export const HOSTILE_SCRIPT = '<script>alert(1)</script>';
export const HOSTILE_IMG = '<img src=x onerror=alert(1)>';
export const HOSTILE_HYPERLINK = '=HYPERLINK("http://evil.example","click")';
export const HOSTILE_DDE = "+cmd|' /C calc'!A0";
export const HOSTILE_AT_FORMULA = '@SUM(1+1)';
/** Arabic and Hebrew with a RIGHT-TO-LEFT OVERRIDE (U+202E) that makes "exe.txt" display reversed. */
export const HOSTILE_RTL = 'فريق الأمن שלום עולם \u202Etxt.exe';
export const HOSTILE_EMOJI = '🔥🚀 critical-workload 👩🏽‍💻 🇪🇺';
export const HOSTILE_LONG = 'very-long-tag-value-'.repeat(250);

/** Tag values on the first S3 bucket of the hostile account × region. */
export const HOSTILE_BUCKET_TAGS: Readonly<Record<string, string>> = {
  Owner: HOSTILE_SCRIPT,
  Description: HOSTILE_IMG,
  CostCenter: HOSTILE_HYPERLINK,
  Runbook: HOSTILE_DDE,
  Budget: HOSTILE_AT_FORMULA,
  Notes: HOSTILE_LONG,
  Team: HOSTILE_RTL,
  Mood: HOSTILE_EMOJI,
};

/** A security group name carrying markup and a right-to-left override. */
export const HOSTILE_SECURITY_GROUP_NAME = `web ${HOSTILE_IMG} \u202Egpj.exe`;
export const HOSTILE_SECURITY_GROUP_TAGS: Readonly<Record<string, string>> = {
  Description: HOSTILE_SCRIPT,
  Link: HOSTILE_HYPERLINK,
};
export const HOSTILE_ROLE_NAME = HOSTILE_SCRIPT;
/** A custom rule's Lambda wrote markup into its annotation; it must render as text. */
export const HOSTILE_ANNOTATION = 'Ingress from <b>0.0.0.0/0</b> without an approved ChangeTicket tag.';
