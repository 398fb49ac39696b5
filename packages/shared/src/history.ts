// The words of history (the events table): for each kind of entity, the changes a history row may
// record. The server's services write only these (recordEvents() accepts no other), the demo generator
// writes the same, and the web app's task timeline and audit trail name them. A new kind of change
// is added here first.

export const HISTORY_ACTIONS = {
  agency: ['created', 'updated', 'alias_added', 'alias_removed', 'merged', 'absorbed'],
  user: [
    'created',
    'updated',
    'deactivated',
    'reactivated',
    'password_changed',
    'password_reset',
    'agency_changed',
    'login_block_lifted',
    // The user signed out one of their own sessions, or all but the one in use ("sign out everywhere else").
    'session_signed_out',
    'other_sessions_signed_out',
    // Second factor and single sign-on (the owner's own doing).
    'second_factor_enabled',
    'second_factor_disabled',
    'recovery_codes_renewed',
    'sso_identity_linked',
    // An administrator ended every session of the account.
    'signed_out_everywhere',
    // A single-use link to set a password was mailed (a new account's invitation, a reset), and then used.
    'invitation_sent',
    'password_reset_sent',
    'password_set',
  ],
  // A spreadsheet of accounts confirmed by an administrator: its accounts are created by a job.
  account_import: ['confirmed'],
  directive: ['created', 'updated', 'published', 'deleted', 'directive.imported'],
  task: [
    'created',
    'updated',
    'deleted',
    'split',
    'merged',
    'twin_linked',
    'twin_unlinked',
    'assignment_transferred',
    'extend_deadline',
    'progress',
    'complete',
    // The progress an imported task list (spreadsheet) recorded: where the task starts, not a report.
    'progress_imported',
  ],
  progress_report: ['create', 'update', 'submit', 'accept', 'return', 'add_evidence', 'remove_evidence'],
  deadline_extension: ['request', 'accept', 'reject'],
  stored_file: ['directive.import.started'],
  job: [],
} as const satisfies Record<string, readonly string[]>;

/** The kinds of entity history speaks of. */
export type HistoryEntity = keyof typeof HISTORY_ACTIONS;

/** The changes history records for one kind of entity (by default: for any). */
export type HistoryAction<E extends HistoryEntity = HistoryEntity> = (typeof HISTORY_ACTIONS)[E][number];

/** Whether history records `action` for `entity` (for rows read back as plain text). */
export function isHistoryAction(entity: string, action: string): boolean {
  const actions: readonly string[] | undefined = HISTORY_ACTIONS[entity as HistoryEntity];
  return actions?.includes(action) ?? false;
}
