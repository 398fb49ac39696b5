-- E-mail through the outbox (migration 0130): two statement-level triggers, so a mail is written in the
-- transaction of what causes it and every mail has its sending job.

-- Every event that reaches a body's bell is mailed to the body's people who take e-mail: active accounts
-- of the body with an address and notifications by e-mail on (the default). A notification may name the
-- roles it is mailed to (payload.mailRoles: an escalation goes to the body's head, not to all of it).
CREATE OR REPLACE FUNCTION notifications_mailed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO mail_outbox (to_address, user_id, notification_id, language, template, data)
  SELECT btrim(u.email), u.id, n.id, coalesce(p.language, 'vi'), 'notification',
         jsonb_build_object('kind', n.kind, 'recipientName', u.full_name, 'bodyName', a.name) || n.payload
  FROM new_rows n
  JOIN users u ON u.agency_id = n.agency_id AND u.is_active AND coalesce(btrim(u.email), '') <> ''
  JOIN agencies a ON a.id = n.agency_id
  LEFT JOIN mail_preferences p ON p.user_id = u.id
  WHERE coalesce(p.notifications_by_email, true)
    AND (NOT n.payload ? 'mailRoles' OR n.payload->'mailRoles' ? u.role)
  ORDER BY n.id, u.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER notifications_mailed AFTER INSERT ON notifications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_mailed();

-- Each mail is sent by its own job (mail.service.ts, sendMailJob): the queue's retries and backoff are
-- the mail's.
CREATE OR REPLACE FUNCTION mail_outbox_queued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO jobs (kind, payload)
  SELECT 'mail.send', jsonb_build_object('mailId', m.id) FROM new_rows m WHERE m.state = 'queued' ORDER BY m.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER mail_outbox_queued AFTER INSERT ON mail_outbox
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mail_outbox_queued();
