-- Single sign-on through OpenID Connect (issue 16). An account is linked to the provider's subject
-- (issuer + sub) the first time its verified e-mail matched; from then on the subject finds it.
CREATE TABLE oidc_identities (
  issuer       text NOT NULL,
  subject      text NOT NULL,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX oidc_identities_user ON oidc_identities (user_id);

-- A sign-in sent to the provider and not yet back: the PKCE verifier and the nonce live here, not in
-- process memory, so any app process can take the callback. Keyed by the sha256 of the state, which
-- the browser also holds in a cookie; each row is used once.
CREATE TABLE oidc_requests (
  state_hash    text PRIMARY KEY,
  code_verifier text NOT NULL,
  nonce         text NOT NULL,
  expires_at    timestamptz NOT NULL
);
