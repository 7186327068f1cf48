-- The order one address's mail goes out in (a receipt before the notice that the connection
-- ended). created_at could not tell it: two messages queued in one transaction share its now(),
-- and PGlite's clock counts only milliseconds, so such messages went out in the order of their
-- random ids. Rows already queued get numbers in no particular order; they were sent long ago.
ALTER TABLE "outbox" ADD COLUMN IF NOT EXISTS "queued_seq" bigserial NOT NULL;
