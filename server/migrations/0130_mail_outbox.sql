-- E-mail leaves through an outbox: a mail is a row written in the transaction of the event that causes
-- it, and a background job (jobs, kind 'mail.send') hands it to SMTP, retrying with backoff. Its delivery
-- state stays on the row, so any app process can send it and nothing is lost in a restart.
CREATE TABLE mail_outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  to_address      text NOT NULL,
  -- The account it is for, when it is one (a notification); a receipt to a citizen has none.
  user_id         bigint REFERENCES users (id) ON DELETE SET NULL,
  notification_id bigint REFERENCES notifications (id) ON DELETE SET NULL,
  language        text NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
  -- Which template words the mail (mail.templates.ts) and what it fills in; rendered when sent.
  template        text NOT NULL,
  data            jsonb NOT NULL DEFAULT '{}',
  -- queued: waiting for its job; sent; unsent: SMTP is not configured (kept, not lost); failed: refused
  -- at every attempt.
  state           text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'unsent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  message_id      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
CREATE INDEX mail_outbox_state ON mail_outbox (state, id);
CREATE INDEX mail_outbox_user ON mail_outbox (user_id, created_at DESC);

-- A person's choice about e-mail; no row means the defaults (notifications by e-mail, in Vietnamese).
CREATE TABLE mail_preferences (
  user_id                bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  notifications_by_email boolean NOT NULL DEFAULT true,
  language               text NOT NULL DEFAULT 'vi' CHECK (language IN ('vi', 'en')),
  updated_at             timestamptz NOT NULL DEFAULT now()
);

