-- Accounts created in the browser get no password from the administrator: the person sets their own
-- through an e-mailed link (issue 16). Until then the account has no password and cannot sign in.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;

-- A single-use, expiring link to set a password: an invitation for a new account, or a reset an
-- administrator sends. Only the token's sha256 is stored (as for sessions), so a database leak opens
-- no account. Issuing a new token for an account removes its earlier unused ones.
CREATE TABLE account_tokens (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose     text NOT NULL CHECK (purpose IN ('invitation', 'reset')),
  token_hash  text NOT NULL UNIQUE,
  created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX account_tokens_user ON account_tokens (user_id);

-- A spreadsheet of accounts to create (one row per account: body, name, e-mail, role), read and checked
-- when uploaded: `rows` keeps each line as read, the body it matched and its errors, for the preview.
-- Confirming queues a job (jobs) that creates the accounts without errors and mails their invitations.
CREATE TABLE account_imports (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_by    bigint NOT NULL REFERENCES users (id),
  filename      text NOT NULL,
  rows          jsonb NOT NULL,
  state         text NOT NULL DEFAULT 'preview' CHECK (state IN ('preview', 'confirmed')),
  job_id        bigint REFERENCES jobs (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  confirmed_at  timestamptz
);
