-- A job that works through countable steps (a scan's pages) says how many are done of how many, so any
-- app process (and a reloaded page) shows "page 3 of 7".
ALTER TABLE jobs ADD COLUMN progress_done integer;
ALTER TABLE jobs ADD COLUMN progress_total integer;

-- A scanned source file, page by page: the page image (in the file storage) and where its recognised
-- text starts in the text the extractor read, for the review page to show the scan beside the text.
CREATE TABLE source_pages (
  file_id        bigint NOT NULL REFERENCES stored_files (id) ON DELETE CASCADE,
  page           integer NOT NULL CHECK (page >= 1),
  storage_key    text NOT NULL,
  size_bytes     bigint NOT NULL CHECK (size_bytes >= 0),
  starts_at_line integer NOT NULL,
  PRIMARY KEY (file_id, page)
);
