// What the extractor notes about a whole result, as stable codes: the web app says them in the user's
// language (imports.warnings.<code>), the CLI in both.

export type ExtractionWarning = 'NO_TASKS';

export const WARNING_MESSAGES: Record<ExtractionWarning, { vi: string; en: string }> = {
  NO_TASKS: { vi: 'Không tìm thấy nhiệm vụ nào trong văn bản.', en: 'No tasks were found in the document.' },
};
