-- Login limiting that cannot lock the owner out (issue 16, defect 5). Failed sign-ins are counted per
-- account and address together, so wrong passwords from elsewhere never block the owner at their usual
-- address, and many users behind one proxy do not share one counter. Three kinds of row:
--   (account, ip)  one account from one address: a short, growing delay after a few failures;
--   (account, '')  one account from every address it has never signed in from (a spread-out attack);
--   ('', ip)       every account from one address: a far higher ceiling, so a proxy is not shut out.
-- The rule (how many failures are free, how the delay grows) is in server/src/auth/login-limit.ts.
CREATE TABLE login_throttles (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account           text NOT NULL,
  ip                text NOT NULL,
  failures          integer NOT NULL CHECK (failures >= 0),
  -- Failures are counted from here; a count older than the kind's memory starts again at one.
  window_started_at timestamptz NOT NULL,
  last_failure_at   timestamptz NOT NULL,
  blocked_until     timestamptz NOT NULL,
  UNIQUE (account, ip),
  CHECK (account <> '' OR ip <> '')
);
CREATE INDEX login_throttles_blocked ON login_throttles (blocked_until);

-- The addresses an account signed in from successfully: there the delay stays short, never a block.
CREATE TABLE login_usual_addresses (
  account         text NOT NULL,
  ip              text NOT NULL,
  last_success_at timestamptz NOT NULL,
  PRIMARY KEY (account, ip)
);
