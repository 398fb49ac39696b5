-- The reviewer's "public" switch on an evidence item (issue 12): set when accepting its report, off by
-- default. The public sees an item only when it is on and its report accepted (auth/scope.ts).
ALTER TABLE evidence ADD COLUMN public boolean NOT NULL DEFAULT false;
