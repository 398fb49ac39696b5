// Shared assertions for the reader and fuzz tests: what every extraction result must satisfy.
import { expect } from 'vitest';
import type { ExtractionResult } from '../src/types.ts';

const KINDS = new Set(['date', 'recurring', 'continuous', 'event', 'none']);
const PERIODS = new Set([null, 'weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly']);

/** A real calendar day: the deadline grammar must never produce 2025-02-30 or month 13. */
export function isRealIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Everything wrong with a result, as messages; empty when it is well formed. */
export function wellFormedProblems(result: ExtractionResult, text: string): string[] {
  const problems: string[] = [];
  const lineCount = text.split('\n').length;
  if (!Array.isArray(result.documents)) return ['documents is not an array'];
  if (!Array.isArray(result.warnings)) problems.push('warnings is not an array');
  for (const document of result.documents) {
    if (!Array.isArray(document.implements)) problems.push('implements is not an array');
    if (document.date !== null && !isRealIsoDate(document.date)) problems.push(`document date ${document.date}`);
    for (const task of document.tasks) {
      if (!Number.isInteger(task.line) || task.line < 1 || task.line > lineCount)
        problems.push(`line ${task.line} of ${lineCount}`);
      if (typeof task.text !== 'string') problems.push('task text is not a string');
      if (!task.lead.every((body) => typeof body === 'string')) problems.push('lead is not a list of names');
      if (!task.coordinating.every((body) => typeof body === 'string'))
        problems.push('coordinating is not a list of names');
      if (!KINDS.has(task.deadline.kind)) problems.push(`deadline kind ${task.deadline.kind}`);
      if (!PERIODS.has(task.deadline.period)) problems.push(`deadline period ${task.deadline.period}`);
      if (task.deadline.due !== null && !isRealIsoDate(task.deadline.due))
        problems.push(`impossible due date ${task.deadline.due}`);
    }
  }
  return problems;
}

export function expectWellFormed(result: ExtractionResult, text: string): void {
  expect(wellFormedProblems(result, text)).toEqual([]);
}

/**
 * Text for comparing readers: no Markdown/HTML markup, no whitespace at all (where a stray tag
 * stood, one reader leaves a space and another none), NFC, lower case.
 */
export function comparable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/<[^<>]{0,200}>/g, '')
    .replace(/\*+/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** The part of a task the .txt, .docx and .pdf of one directive must agree on. */
export function taskSignature(result: ExtractionResult): string[] {
  return result.documents.flatMap((document) =>
    document.tasks.map((task) =>
      JSON.stringify({
        start: comparable(task.text).slice(0, 40),
        lead: [...task.lead].sort(),
        coordinating: [...task.coordinating].sort(),
        deadline: { kind: task.deadline.kind, due: task.deadline.due, period: task.deadline.period },
      }),
    ),
  );
}
