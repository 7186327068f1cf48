-- Issue 11: the staff console. Staff accounts by source, the privacy officer's case handling, and
-- an append-only, hash-chained audit trail.
ALTER TABLE "staff" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "source" text DEFAULT 'local' NOT NULL;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
-- Databases loaded before this migration hold the fixture staff with their published passwords:
-- mark them, so they are refused once demo data is turned off.
UPDATE "staff" SET "source" = 'demo' WHERE "username" IN ('casey.csr', 'pat.privacy', 'alex.admin');--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "owner" text REFERENCES "staff"("username");--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "due_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "referred_to_ocr" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "referred_to_ftc" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "about_staff" text REFERENCES "staff"("username");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_dedupe_key_unique" UNIQUE("dedupe_key");--> statement-breakpoint
UPDATE "cases" SET "due_on" = ("created_at" AT TIME ZONE 'America/New_York')::date + CASE WHEN "kind" = 'breach' THEN 10 ELSE 30 END;--> statement-breakpoint
CREATE INDEX "cases_queue_idx" ON "cases" USING btree ("status","created_at");--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL REFERENCES "cases"("id") ON DELETE CASCADE,
	"author" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_seq_unique" UNIQUE("seq");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_app_idx" ON "audit_events" USING btree ("app_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE TABLE "audit_chain_head" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_chain_head_one_row" CHECK ("id" = 1)
);
--> statement-breakpoint
INSERT INTO "audit_chain_head" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64));--> statement-breakpoint
-- The one definition of a row's hash, used by the sealing trigger and by `npm run audit:verify`:
-- SHA-256 of the previous row's hash followed by every field of the row as a JSON array (jsonb's
-- text form is canonical, so the same row always gives the same bytes). A column added to
-- audit_events later must be added here too, or it is not covered by the chain.
CREATE FUNCTION "audit_event_digest"(e "audit_events") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(
    e.prev_hash || jsonb_build_array(
      e.seq, e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      e.actor_kind, e.actor_id, e.action, e.member_id, e.app_id, e.grant_id, e.details, e.request_id
    )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Seals one row: the next place in the chain and the hash over the previous row's. Runs at commit
-- (a deferred constraint trigger), so the head row is locked only while the transaction commits:
-- concurrent writers queue on it for that moment and can never both extend the same head.
CREATE FUNCTION "seal_audit_event"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head "audit_chain_head"%ROWTYPE;
  sealed "audit_events"%ROWTYPE;
BEGIN
  sealed := NEW;
  SELECT * INTO head FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE;
  sealed.seq := head.seq + 1;
  sealed.prev_hash := head.hash;
  sealed.hash := "audit_event_digest"(sealed);
  PERFORM set_config('audit.sealing', 'on', true);
  UPDATE "audit_events" SET "seq" = sealed.seq, "prev_hash" = sealed.prev_hash, "hash" = sealed.hash WHERE "id" = NEW."id";
  PERFORM set_config('audit.sealing', 'off', true);
  UPDATE "audit_chain_head" SET "seq" = sealed.seq, "hash" = sealed.hash WHERE "id" = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Rows written before the chain existed are sealed now, in the order they were written.
DO $$
DECLARE
  r "audit_events"%ROWTYPE;
  head "audit_chain_head"%ROWTYPE;
BEGIN
  FOR r IN SELECT * FROM "audit_events" ORDER BY "id" LOOP
    SELECT * INTO head FROM "audit_chain_head" WHERE "id" = 1;
    r.seq := head.seq + 1;
    r.prev_hash := head.hash;
    r.hash := "audit_event_digest"(r);
    UPDATE "audit_events" SET "seq" = r.seq, "prev_hash" = r.prev_hash, "hash" = r.hash WHERE "id" = r.id;
    UPDATE "audit_chain_head" SET "seq" = r.seq, "hash" = r.hash WHERE "id" = 1;
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "audit_events_seal" AFTER INSERT ON "audit_events"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "seal_audit_event"();--> statement-breakpoint
-- Append-only: no update (except the seal's own, once, on an unsealed row), no delete, no
-- truncate. Someone with the table owner's rights can still get round this; the chain then shows it.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD."hash" IS NULL AND current_setting('audit.sealing', true) = 'on' THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
