-- Feedback and recommendations (phản ánh, kiến nghị) from anyone, without an account (issue 13):
-- received by a standing office, assigned to the competent body, transferred at most within a few
-- working days, answered within a limit. The rules live in server/src/feedback/.

-- The fields (lĩnh vực) a submission is filed under: a list the administrators keep.
CREATE TABLE feedback_fields (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code       text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  sort_order integer NOT NULL DEFAULT 0,
  is_active  boolean NOT NULL DEFAULT true
);
INSERT INTO feedback_fields (code, name, sort_order) VALUES
  ('science_technology', 'Khoa học và công nghệ', 10),
  ('innovation', 'Đổi mới sáng tạo', 20),
  ('digital_transformation', 'Chuyển đổi số', 30),
  ('public_services', 'Thủ tục hành chính, dịch vụ công trực tuyến', 40),
  ('digital_infrastructure', 'Hạ tầng số và dữ liệu', 50),
  ('other', 'Lĩnh vực khác', 90);

-- The periods of each type, in working days (PRODUCT.md: transfer within 2, answer within 15), and how
-- many working days before the answer's limit it shows as due soon.
CREATE TABLE feedback_type_limits (
  type                 text PRIMARY KEY CHECK (type IN ('feedback', 'recommendation')),
  transfer_within_days integer NOT NULL CHECK (transfer_within_days BETWEEN 0 AND 60),
  answer_within_days   integer NOT NULL CHECK (answer_within_days BETWEEN 1 AND 120),
  due_soon_days        integer NOT NULL CHECK (due_soon_days BETWEEN 0 AND 30)
);
INSERT INTO feedback_type_limits VALUES ('feedback', 2, 15, 3), ('recommendation', 2, 15, 3);

CREATE TABLE feedback (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- What the submitter keeps to follow it: random, never derived from the id.
  tracking_code        text NOT NULL UNIQUE,
  type                 text NOT NULL REFERENCES feedback_type_limits (type),
  field_id             bigint NOT NULL REFERENCES feedback_fields (id),
  -- The body the submitter says it concerns (optional): a hint for the office, not the assignment.
  concerned_agency_id  bigint REFERENCES agencies (id),
  -- The standing office's scope that receives it: the concerned body's province, NULL the central office.
  scope_agency_id      bigint REFERENCES agencies (id),
  title                text NOT NULL,
  content              text NOT NULL,
  contact_name         text NOT NULL,
  contact_email        text,
  contact_phone        text,
  contact_organisation text,
  -- Consent to publish the submission (its title and content), and with the submitter's name or not.
  publish_consent      boolean NOT NULL,
  publish_name         boolean NOT NULL CHECK (publish_consent OR NOT publish_name),
  status               text NOT NULL CHECK (status IN ('received', 'assigned', 'answered')),
  assigned_agency_id   bigint REFERENCES agencies (id),
  assigned_on          date,
  -- Working-day limits computed when it is assigned (server/src/calendar/working-days.ts); the standing
  -- (on time / due soon / late) is the SQL function feedback_standing() over them.
  transfer_until       date,
  answer_due_on        date,
  due_soon_from        date,
  answer               text,
  answered_on          date,
  answered_by          bigint REFERENCES users (id),
  submitted_ip         text NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'received') = (assigned_agency_id IS NULL)),
  CHECK ((status = 'answered') = (answer IS NOT NULL))
);
CREATE INDEX feedback_inbox ON feedback (status, answer_due_on);
CREATE INDEX feedback_assigned ON feedback (assigned_agency_id) WHERE assigned_agency_id IS NOT NULL;
CREATE INDEX feedback_scope ON feedback (scope_agency_id);

-- What happened to a submission, in order: what the tracking page shows (never who acted, nor the
-- reasons given inside) and what the staff read in full.
CREATE TABLE feedback_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  feedback_id bigint NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  at          timestamptz NOT NULL DEFAULT now(),
  action      text NOT NULL CHECK (action IN ('received', 'assigned', 'transferred', 'answered')),
  -- The body it was with after the change.
  agency_id   bigint REFERENCES agencies (id),
  user_id     bigint REFERENCES users (id),
  reason      text
);
CREATE INDEX feedback_history_of ON feedback_history (feedback_id, at);

-- Submissions counted per address and per e-mail in fixed windows, so every app process (stateless)
-- limits the same way. Old windows are deleted as new ones open.
CREATE TABLE feedback_rate_limits (
  key          text NOT NULL,
  window_start timestamptz NOT NULL,
  attempts     integer NOT NULL,
  PRIMARY KEY (key, window_start)
);
CREATE INDEX feedback_rate_limits_window ON feedback_rate_limits (window_start);
