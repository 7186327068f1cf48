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
UPDATE "fhir_resources" SET "period_end" = ("resource"->'period'->>'end')::date WHERE "resource_type" = 'Coverage';--> statement-breakpoint
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
  FOR EACH STATEMENT EXECUTE FUNCTION "move_fhir_epoch"();
