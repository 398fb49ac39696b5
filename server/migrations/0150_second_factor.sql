-- Second factor (issue 16): a TOTP secret per account for authenticator apps, with one-use recovery
-- codes. The secret is stored encrypted (AES-256-GCM under SECOND_FACTOR_KEY, see auth/second-factor.ts),
-- so the database alone does not hand it out; it is never sent back after enrolment.
CREATE TABLE second_factors (
  user_id        bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret         text NOT NULL,
  -- NULL while the owner is enrolling: the factor counts only once a code from the app confirmed it.
  confirmed_at   timestamptz,
  -- The last 30-second step a code was accepted for: the same code is not accepted twice.
  last_time_step bigint,
  -- Wrong codes in a row, and until when code checks are held back (the delay doubles).
  failures       integer NOT NULL DEFAULT 0,
  held_until     timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Recovery codes: argon2id hashes, each usable once.
CREATE TABLE recovery_codes (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at   timestamptz
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

-- A sign-in half done: the password (or the identity provider) passed, the second factor not yet.
-- The browser holds a random token in a cookie; only its sha256 is kept, as for sessions.
CREATE TABLE pending_sign_ins (
  token_hash text PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  method     text NOT NULL CHECK (method IN ('password', 'oidc')),
  attempts   integer NOT NULL DEFAULT 0,
  ip         text NOT NULL DEFAULT '',
  user_agent text NOT NULL DEFAULT '',
  expires_at timestamptz NOT NULL
);
CREATE INDEX pending_sign_ins_user ON pending_sign_ins (user_id);
