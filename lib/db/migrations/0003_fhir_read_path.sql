-- The FHIR read path: resources stored as the JSON text that is served, pages read straight off
-- an index in serving order, "last read" derived from the access log instead of a hot row written
-- on every API call, and the epoch that lets an instance reuse what it read (see schema.ts).
CREATE TABLE "fhir_epoch" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	-- The transaction that last moved the value: one step per transaction, however many rows it changes.
	"moved_by" xid8,
	CONSTRAINT "fhir_epoch_one_row" CHECK ("id" = 1)
);
--> statement-breakpoint
INSERT INTO "fhir_epoch" ("id", "value") VALUES (1, 0);--> statement-breakpoint
DROP INDEX "fhir_resources_patient_idx";--> statement-breakpoint
ALTER TABLE "fhir_resources" ADD COLUMN "period_end" date;--> statement-breakpoint
-- Coverage.period.end is a FHIR dateTime: a year, a month or a day, maybe with a time. The last
-- covered day is the last day of what it names.
UPDATE "fhir_resources" SET "period_end" = CASE
    WHEN e ~ '^\d{4}-\d{2}-\d{2}' THEN substr(e, 1, 10)::date
    WHEN e ~ '^\d{4}-\d{2}$' THEN (to_date(e, 'YYYY-MM') + interval '1 month' - interval '1 day')::date
    WHEN e ~ '^\d{4}$' THEN to_date(e || '-12-31', 'YYYY-MM-DD')
  END
  FROM (SELECT "resource_type" AS t, "id" AS i, "resource"->'period'->>'end' AS e FROM "fhir_resources" WHERE "resource_type" = 'Coverage') AS ends
  WHERE "resource_type" = ends.t AND "id" = ends.i;--> statement-breakpoint
ALTER TABLE "fhir_resources" ALTER COLUMN "resource" SET DATA TYPE text USING "resource"::text;--> statement-breakpoint
CREATE INDEX "fhir_resources_page_idx" ON "fhir_resources" USING btree ("patient_id","resource_type","service_date" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
ALTER TABLE "consent_grants" DROP COLUMN "last_access_at";--> statement-breakpoint
CREATE FUNCTION "move_fhir_epoch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE fhir_epoch SET value = value + 1, moved_by = pg_current_xact_id()
   WHERE id = 1 AND moved_by IS DISTINCT FROM pg_current_xact_id();
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Deferred to commit, so the epoch row is the last lock a transaction takes (no deadlock with
-- the rows it changed) and the new value becomes visible exactly when the change does.
CREATE CONSTRAINT TRIGGER "fhir_epoch_access_tokens" AFTER UPDATE OR DELETE ON "oidc_models"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD."model" = 'AccessToken') EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "fhir_epoch_consent_grants"
  AFTER UPDATE OF "member_id", "app_id", "authority_id", "authority_type", "scopes", "categories", "include_sensitive", "data_window_start", "expires_at", "revoked_at" OR DELETE ON "consent_grants"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "fhir_epoch_apps" AFTER UPDATE OF "id", "client_id", "status" OR DELETE ON "apps"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "fhir_epoch_members" AFTER UPDATE OF "member_id", "patient_id", "birth_date", "deceased_date" OR DELETE ON "members"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "fhir_epoch_enrollment_spans" AFTER INSERT OR UPDATE OR DELETE ON "enrollment_spans"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "fhir_epoch_authorities" AFTER UPDATE OR DELETE ON "authorities"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "fhir_epoch_fhir_resources" AFTER INSERT OR UPDATE OR DELETE ON "fhir_resources"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE TRIGGER "fhir_epoch_truncate_fhir_resources" AFTER TRUNCATE ON "fhir_resources"
  FOR EACH STATEMENT EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE TRIGGER "fhir_epoch_truncate_enrollment_spans" AFTER TRUNCATE ON "enrollment_spans"
  FOR EACH STATEMENT EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE TRIGGER "fhir_epoch_truncate_oidc_models" AFTER TRUNCATE ON "oidc_models"
  FOR EACH STATEMENT EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE TRIGGER "fhir_epoch_truncate_consent_grants" AFTER TRUNCATE ON "consent_grants"
  FOR EACH STATEMENT EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE TRIGGER "fhir_epoch_truncate_apps" AFTER TRUNCATE ON "apps"
  FOR EACH STATEMENT EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE TRIGGER "fhir_epoch_truncate_members" AFTER TRUNCATE ON "members"
  FOR EACH STATEMENT EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
CREATE TRIGGER "fhir_epoch_truncate_authorities" AFTER TRUNCATE ON "authorities"
  FOR EACH STATEMENT EXECUTE FUNCTION "move_fhir_epoch"();--> statement-breakpoint
-- Also for changes applied as a replica (logical replication, session_replication_role = replica):
-- claims or revocations loaded that way must move the epoch too.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT tgrelid::regclass AS tab, tgname FROM pg_trigger WHERE tgname LIKE 'fhir_epoch_%' LOOP
    EXECUTE format('ALTER TABLE %s ENABLE ALWAYS TRIGGER %I', t.tab, t.tgname);
  END LOOP;
END
$$;
--> statement-breakpoint
-- The API's access log, written for a batch of reads at once (record-fhir-access.ts). A row whose
-- request reused cached facts goes in only if the epoch they were read at is still current; the
-- epoch is returned so the caller knows which reads stand. One constant statement for any batch
-- size, so its plan is made once per connection.
CREATE FUNCTION "record_fhir_reads"(reads json) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  current bigint;
BEGIN
  SELECT value INTO current FROM fhir_epoch WHERE id = 1;
  INSERT INTO access_log (grant_id, at, resource_type, interaction, count)
    SELECT r.grant_id, r.at, r.resource_type, r.interaction, r.count
      FROM json_to_recordset(reads) AS r(grant_id text, at timestamptz, resource_type text, interaction text, count int, verify boolean, epoch bigint)
     WHERE NOT r.verify OR r.epoch = current;
  RETURN current::text;
END
$$;
