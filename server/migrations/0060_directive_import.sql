-- A directive created by an import remembers its job: a re-run of the same job finds it instead of
-- importing twice, and the review screen can show where the draft came from.
ALTER TABLE directives ADD COLUMN import_job_id bigint REFERENCES jobs (id);
CREATE UNIQUE INDEX directives_import_job_doc ON directives (import_job_id, number_norm) WHERE import_job_id IS NOT NULL;
