// Trusted Advisor's red / yellow / green grade of a built-in or Trusted Advisor finding. The snapshot keeps it as
// the first words of the finding's annotation ("[Red] ..."), so every view, export and older reader shows it
// without a new column; gradeOf() reads it back for badges.

export const GRADES = ['red', 'yellow', 'green'] as const;
export type FindingGrade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<FindingGrade, string> = { red: 'Red', yellow: 'Yellow', green: 'Green' };

const PREFIX = /^\[(Red|Yellow|Green)\] /;

export function withGrade(grade: FindingGrade, annotation: string): string {
  return `[${GRADE_LABELS[grade]}] ${annotation}`;
}

/** The grade an annotation starts with, or null (Config rule findings, ungraded results). */
export function gradeOf(annotation: string | undefined): FindingGrade | null {
  const match = annotation ? PREFIX.exec(annotation) : null;
  return match ? (match[1].toLowerCase() as FindingGrade) : null;
}
