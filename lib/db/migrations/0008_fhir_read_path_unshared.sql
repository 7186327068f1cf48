-- Issue 10. No global serialization point on the write path: the FHIR API reuses nothing between
-- requests (every answer is decided and read in one statement with the token's facts), so the
-- single epoch row that every write to a token, grant, app, member, enrollment span, authority or
-- resource had to lock, and its triggers, go.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT tgrelid::regclass AS tab, tgname FROM pg_trigger WHERE tgname LIKE 'fhir_epoch_%' LOOP
    EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.tab);
  END LOOP;
END
$$;
--> statement-breakpoint
DROP FUNCTION "move_fhir_epoch"();--> statement-breakpoint
DROP FUNCTION "record_fhir_reads"(json);--> statement-breakpoint
DROP TABLE "fhir_epoch";--> statement-breakpoint
-- The served JSON is read whole on every page: stored out of line but uncompressed, so a page is
-- copied, not decompressed (rows written before this keep their compression until rewritten).
ALTER TABLE "fhir_resources" ALTER COLUMN "resource" SET STORAGE EXTERNAL;
