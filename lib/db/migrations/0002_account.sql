ALTER TABLE "cases" ADD COLUMN "grant_id" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "other_app_name" text;--> statement-breakpoint
ALTER TABLE "consent_grants" ADD COLUMN "end_notice_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_grant_id_consent_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."consent_grants"("id") ON DELETE no action ON UPDATE no action;