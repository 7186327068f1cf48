-- Issue 15: every data-sharing choice in one place (CMS-0057-F Provider Access and Payer-to-Payer).
-- A choice is a row, never updated: the member's history is the rows, the choice in force is the
-- newest row of its kind. No row for a kind means the rule's default (Provider Access on,
-- Payer-to-Payer off).
CREATE TABLE "sharing_choices" (
	"id" text PRIMARY KEY NOT NULL,
	-- The order choices were made in (created_at can tie within one instant).
	"seq" bigserial NOT NULL UNIQUE,
	"member_id" text NOT NULL REFERENCES "members"("member_id"),
	"kind" text NOT NULL,
	"decision" text NOT NULL,
	"policy" text,
	"other_payers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"made_by" text NOT NULL,
	"representative_id" text REFERENCES "representatives"("rep_id"),
	"authority_id" integer REFERENCES "authorities"("id"),
	"authority_type" text,
	"staff_username" text REFERENCES "staff"("username"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sharing_choices_kind" CHECK ("kind" IN ('provider_access', 'payer_to_payer')),
	CONSTRAINT "sharing_choices_decision" CHECK ("decision" IN ('permit', 'deny')),
	CONSTRAINT "sharing_choices_policy" CHECK ("policy" IS NULL OR "policy" IN ('regular', 'sensitive')),
	CONSTRAINT "sharing_choices_made_by" CHECK ("made_by" IN ('member', 'representative', 'staff_phone'))
);--> statement-breakpoint
CREATE INDEX "sharing_choices_member_idx" ON "sharing_choices" ("member_id", "kind", "created_at");--> statement-breakpoint
-- In-network provider organizations that may use the Provider Access API (each is a FHIR Group of
-- the members attributed to it).
CREATE TABLE "provider_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"npi" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE TABLE "provider_attributions" (
	"group_id" text NOT NULL REFERENCES "provider_groups"("id") ON DELETE CASCADE,
	"member_id" text NOT NULL REFERENCES "members"("member_id") ON DELETE CASCADE,
	"start_date" date NOT NULL,
	"end_date" date,
	PRIMARY KEY ("group_id", "member_id")
);--> statement-breakpoint
CREATE INDEX "provider_attributions_member_idx" ON "provider_attributions" ("member_id");--> statement-breakpoint
-- SMART backend services clients (client_credentials with a signed JWT): a provider organization
-- (Provider Access) or another health plan (Payer-to-Payer). Their public keys only.
CREATE TABLE "backend_clients" (
	"client_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"group_id" text REFERENCES "provider_groups"("id"),
	"jwks" jsonb NOT NULL,
	"scopes" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backend_clients_kind" CHECK ("kind" IN ('provider', 'payer')),
	CONSTRAINT "backend_clients_status" CHECK ("status" IN ('active', 'disabled'))
);
