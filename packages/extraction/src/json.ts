// The contract of `giamsat extract --json`: the fields the scorer and the server read, in a fixed order.
import type { ExtractedDocument, ExtractedTask, ExtractionResult } from './types.ts';

export function toJson(result: ExtractionResult): unknown {
  return {
    documents: result.documents.map((document: ExtractedDocument) => ({
      number: document.number,
      type: document.type,
      date: document.date,
      issuer: document.issuer,
      issuerSuccessors: document.issuerSuccessors,
      level: document.level,
      title: document.title,
      implements: document.implements,
      startsAtLine: document.startsAtLine,
      addressees: document.addressees,
      attachments: document.attachments,
      confidence: document.confidence,
      tasks: document.tasks.map((task: ExtractedTask) => ({
        text: task.text,
        line: task.line,
        ref: task.ref,
        lead: task.lead,
        coordinating: task.coordinating,
        unknownBodies: task.unknownBodies,
        successors: task.successors,
        deadline: {
          raw: task.deadline.raw,
          kind: task.deadline.kind,
          due: task.deadline.due,
          period: task.deadline.period,
        },
        deliverable: task.deliverable,
        note: task.note,
        startingProgress: task.startingProgress,
        confidence: task.confidence,
      })),
    })),
    warnings: result.warnings,
  };
}
