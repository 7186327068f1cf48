-- Issue 12: developer accounts, connection requests that developers own, the reviewers' decisions
-- and a rotated client secret's grace period.
CREATE TABLE "developer_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_at" timestamp with time zone,
	-- "Sign out" ends every session of the account that began before this instant.
	"sessions_ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "developer_accounts_email_idx" ON "developer_accounts" USING btree ("email");--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "developer_account_id" text;--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_developer_account_id_developer_accounts_id_fk" FOREIGN KEY ("developer_account_id") REFERENCES "public"."developer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "apps_developer_account_idx" ON "apps" USING btree ("developer_account_id");--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "status_criterion" text;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "code_of_conduct_attested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "previous_client_secret_hash" text;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "previous_client_secret_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE TABLE "app_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"decision" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"criterion" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"grants_ended" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app_decisions" ADD CONSTRAINT "app_decisions_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "app_decisions_app_idx" ON "app_decisions" USING btree ("app_id","decided_at");--> statement-breakpoint
CREATE INDEX "apps_status_idx" ON "apps" USING btree ("status","submitted_at");
