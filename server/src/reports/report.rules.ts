// What a report must say before the office reviews it. Pure (no database, no zod): the reports service
// enforces it on every way a report is sent, and the web form imports it to say so before sending.

/**
 * A report sent for review says what was done: a narrative, or at least one piece of evidence (a file or
 * a link). Difficulties and recommendations alone do not report progress. A draft may still be empty.
 */
export function hasContent(report: { narrative: string; evidenceCount: number }): boolean {
  return report.narrative.trim() !== '' || report.evidenceCount > 0;
}
