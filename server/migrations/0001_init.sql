-- History, as applied: the current bodies of the functions, views and triggers defined here are in
-- server/db/functions/ (re-applied after the migrations at every start).
-- giamsat core schema: bodies, accounts, directives, tasks, progress, files, jobs, events.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS ltree;

-- Vietnamese search without diacritics: "ha noi" finds "Hà Nội", and both tone-mark placements
-- ("hoá"/"hóa") fold to the same letters. unaccent() is only STABLE; indexes need IMMUTABLE.
CREATE FUNCTION search_norm(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))) $$;

-- ── Bodies (cơ quan) ─────────────────────────────────────────────────────────────────────────
CREATE TABLE agencies (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug           text NOT NULL UNIQUE,
  name           text NOT NULL,
  short_name     text,
  level          text NOT NULL CHECK (level IN ('central', 'province', 'commune')),
  kind           text NOT NULL CHECK (kind IN ('party', 'state', 'front', 'enterprise', 'university', 'other', 'group')),
  parent_id      bigint REFERENCES agencies (id),
  -- Materialised path of ids ("12.345.6789") so "a body and its subtree" is one indexed predicate.
  path           ltree NOT NULL,
  -- A merged body keeps its row and history; its open tasks pass to the successor.
  merged_into_id bigint REFERENCES agencies (id),
  merged_on      date,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agencies_path_gist ON agencies USING gist (path);
CREATE INDEX agencies_parent ON agencies (parent_id);
CREATE INDEX agencies_level ON agencies (level);

CREATE TABLE agency_aliases (
  agency_id  bigint NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  alias      text NOT NULL,
  alias_norm text GENERATED ALWAYS AS (search_norm(alias)) STORED,
  PRIMARY KEY (agency_id, alias)
);
CREATE INDEX agency_aliases_norm_trgm ON agency_aliases USING gin (alias_norm gin_trgm_ops);
CREATE INDEX agency_aliases_norm ON agency_aliases (alias_norm);

-- Named groups ("Các bộ, ngành, địa phương", "UBND cấp xã") are agencies of kind 'group' whose
-- members are listed here, so a task assigned to a group reaches each member's task list.
CREATE TABLE agency_group_members (
  group_id  bigint NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  member_id bigint NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, member_id)
);
CREATE INDEX agency_group_members_member ON agency_group_members (member_id);

-- ── Accounts ────────────────────────────────────────────────────────────────────────────────
CREATE TABLE users (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username        text NOT NULL UNIQUE,
  password_hash   text NOT NULL,
  full_name       text NOT NULL,
  email           text,
  agency_id       bigint NOT NULL REFERENCES agencies (id),
  role            text NOT NULL CHECK (role IN ('admin', 'office', 'focal', 'head', 'inspector')),
  -- A standing office works for a scope: NULL is the whole nation, otherwise a body and its subtree.
  scope_agency_id bigint REFERENCES agencies (id),
  is_active       boolean NOT NULL DEFAULT true,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_agency ON users (agency_id);

-- Server-side sessions: any app process can serve any request. The cookie carries a random token;
-- only its sha256 is stored, so a database leak does not hand out live sessions.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_attempts (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username  text NOT NULL,
  ip        text NOT NULL,
  succeeded boolean NOT NULL,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_username_at ON login_attempts (username, at);
CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at);

-- ── Files (evidence, directive sources) ─────────────────────────────────────────────────────
CREATE TABLE stored_files (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  storage_key  text NOT NULL UNIQUE,
  filename     text NOT NULL,
  content_type text NOT NULL,
  size_bytes   bigint NOT NULL CHECK (size_bytes >= 0),
  sha256       text NOT NULL,
  uploaded_by  bigint REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- ── Directives and tasks ────────────────────────────────────────────────────────────────────
CREATE TABLE programmes (
  code text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE directives (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number            text,
  -- Numbers are compared without spaces and case: "07-TB/CQTTBCĐ" = "07 - TB / CQTTBCĐ".
  number_norm       text GENERATED ALWAYS AS (upper(regexp_replace(coalesce(number, ''), '\s+', '', 'g'))) STORED,
  doc_type          text,
  issued_on         date,
  issuer_agency_id  bigint REFERENCES agencies (id),
  issuer_name       text,
  level             text NOT NULL CHECK (level IN ('central', 'province', 'commune')),
  title             text NOT NULL DEFAULT '',
  programme_code    text REFERENCES programmes (code),
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  -- The office that owns the directive: NULL for central ones, else the province/commune node.
  scope_agency_id   bigint REFERENCES agencies (id),
  source_file_id    bigint REFERENCES stored_files (id),
  source_text       text,
  created_by        bigint REFERENCES users (id),
  published_at      timestamptz,
  published_by      bigint REFERENCES users (id),
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX directives_number_norm ON directives (number_norm);
CREATE INDEX directives_programme ON directives (programme_code);
CREATE INDEX directives_scope ON directives (scope_agency_id);

-- Links upward by number, so a plan can name the notice it implements before that notice is imported.
CREATE TABLE directive_implements (
  directive_id      bigint NOT NULL REFERENCES directives (id) ON DELETE CASCADE,
  implements_number text NOT NULL,
  implements_norm   text GENERATED ALWAYS AS (upper(regexp_replace(implements_number, '\s+', '', 'g'))) STORED,
  PRIMARY KEY (directive_id, implements_number)
);
CREATE INDEX directive_implements_norm ON directive_implements (implements_norm);

CREATE TABLE tasks (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  directive_id            bigint NOT NULL REFERENCES directives (id) ON DELETE CASCADE,
  ref                     text NOT NULL DEFAULT '',
  source_line             integer,
  text                    text NOT NULL,
  deliverable             text,
  note                    text,
  deadline_kind           text NOT NULL DEFAULT 'none' CHECK (deadline_kind IN ('date', 'recurring', 'continuous', 'event', 'none')),
  deadline_raw            text NOT NULL DEFAULT '',
  due_date                date,
  -- The deadline first assigned; an accepted extension moves due_date and leaves this one.
  first_due_date          date,
  recurrence_period       text CHECK (recurrence_period IN ('weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly')),
  parent_task_id          bigint REFERENCES tasks (id) ON DELETE SET NULL,
  -- Bodies the extractor could not match to the registry, kept as written until review resolves them.
  unresolved_bodies       text[] NOT NULL DEFAULT '{}',
  -- Facts written only when a lead body's report is accepted (never typed by hand); timeliness is
  -- computed from them and the reference date in SQL, never stored.
  completed_on            date,
  progress_percent        integer NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
  last_accepted_report_at timestamptz,
  search                  text GENERATED ALWAYS AS (search_norm(text || ' ' || ref)) STORED,
  version                 integer NOT NULL DEFAULT 1,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_directive ON tasks (directive_id);
CREATE INDEX tasks_parent ON tasks (parent_task_id);
CREATE INDEX tasks_due ON tasks (due_date);
CREATE INDEX tasks_search_trgm ON tasks USING gin (search gin_trgm_ops);

CREATE TABLE task_assignments (
  task_id   bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  agency_id bigint NOT NULL REFERENCES agencies (id),
  role      text NOT NULL CHECK (role IN ('lead', 'coordinating')),
  position  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (task_id, agency_id, role)
);
CREATE INDEX task_assignments_agency ON task_assignments (agency_id, role);

-- The same work tracked in two programmes: reported once, visible from both.
CREATE TABLE task_twins (
  task_id      bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  twin_task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  PRIMARY KEY (task_id, twin_task_id),
  CHECK (task_id < twin_task_id)
);
CREATE INDEX task_twins_twin ON task_twins (twin_task_id);

-- ── Progress ────────────────────────────────────────────────────────────────────────────────
CREATE TABLE progress_reports (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id         bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  -- The reporting body: a coordinating body reports its own part; only the lead's report covers the task.
  agency_id       bigint NOT NULL REFERENCES agencies (id),
  author_id       bigint NOT NULL REFERENCES users (id),
  percent         integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
  narrative       text NOT NULL DEFAULT '',
  difficulties    text NOT NULL DEFAULT '',
  recommendations text NOT NULL DEFAULT '',
  state           text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
  submitted_at    timestamptz,
  reviewed_by     bigint REFERENCES users (id),
  reviewed_at     timestamptz,
  review_comment  text,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX progress_reports_task_state ON progress_reports (task_id, state);
CREATE INDEX progress_reports_agency ON progress_reports (agency_id, submitted_at);
CREATE INDEX progress_reports_submitted ON progress_reports (state, submitted_at) WHERE state = 'submitted';

CREATE TABLE evidence (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id  bigint NOT NULL REFERENCES progress_reports (id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('file', 'link')),
  file_id    bigint REFERENCES stored_files (id),
  url        text,
  title      text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'file' AND file_id IS NOT NULL) OR (kind = 'link' AND url IS NOT NULL))
);
CREATE INDEX evidence_report ON evidence (report_id);

CREATE TABLE deadline_extensions (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id          bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  agency_id        bigint NOT NULL REFERENCES agencies (id),
  requested_by     bigint NOT NULL REFERENCES users (id),
  current_due      date,
  requested_due    date NOT NULL,
  reason           text NOT NULL,
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
  decided_by       bigint REFERENCES users (id),
  decided_at       timestamptz,
  decision_comment text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deadline_extensions_task ON deadline_extensions (task_id);

-- ── Timeliness: computed, never stored ──────────────────────────────────────────────────────
-- The official split: done on time / done late / in progress overdue / in progress within deadline,
-- plus not started; continuous (and date-less recurring) tasks are counted apart, with or without
-- results. "today" is an argument so lists, dashboards and tests agree on the reference date.
CREATE FUNCTION task_timeliness(kind text, due date, completed date, has_results boolean, today date)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN completed IS NOT NULL THEN
      CASE WHEN due IS NULL OR completed <= due THEN 'done_on_time' ELSE 'done_late' END
    WHEN due IS NULL AND kind IN ('continuous', 'recurring') THEN
      CASE WHEN has_results THEN 'continuous_with_results' ELSE 'continuous_without_results' END
    WHEN due IS NOT NULL AND today > due THEN 'in_progress_overdue'
    WHEN NOT has_results THEN 'not_started'
    ELSE 'in_progress_on_time'
  END
$$;

-- ── Notifications, background jobs, events ──────────────────────────────────────────────────
CREATE TABLE notifications (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agency_id  bigint NOT NULL REFERENCES agencies (id),
  kind       text NOT NULL,
  payload    jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at    timestamptz
);
CREATE INDEX notifications_agency ON notifications (agency_id, created_at DESC);

-- A job queue on the same PostgreSQL (claimed with FOR UPDATE SKIP LOCKED): progress lives in the
-- row, so any app process can show it.
CREATE TABLE jobs (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind             text NOT NULL,
  payload          jsonb NOT NULL,
  state            text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  progress         integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  progress_message text,
  result           jsonb,
  error            jsonb,
  attempts         integer NOT NULL DEFAULT 0,
  run_after        timestamptz NOT NULL DEFAULT now(),
  locked_until     timestamptz,
  created_by       bigint REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz
);
CREATE INDEX jobs_claim ON jobs (run_after) WHERE state IN ('queued', 'running');

-- Append-only history and audit trail: every change to a task, report, directive, body or account.
CREATE TABLE events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    bigint REFERENCES users (id),
  entity_type text NOT NULL,
  entity_id   bigint NOT NULL,
  action      text NOT NULL,
  before      jsonb,
  after       jsonb,
  reason      text
);
CREATE INDEX events_entity ON events (entity_type, entity_id, at);

CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only';
END $$;
CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();

INSERT INTO programmes (code, name) VALUES
  ('NQ57', 'Nghị quyết 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia'),
  ('NQ71', 'Nghị quyết 71/NQ-CP của Chính phủ');
