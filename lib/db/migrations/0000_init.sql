CREATE TABLE "access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"grant_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"resource_type" text NOT NULL,
	"interaction" text NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_privacy_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"privacy" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "apps" (
	"id" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"name" text NOT NULL,
	"developer" text NOT NULL,
	"summary" text NOT NULL,
	"website" text,
	"privacy_policy_url" text,
	"terms_url" text,
	"client_type" text NOT NULL,
	"client_secret_hash" text,
	"redirect_uris" jsonb NOT NULL,
	"launch_url" text,
	"scopes" text NOT NULL,
	"status" text NOT NULL,
	"status_since" date NOT NULL,
	"status_reason" text,
	"code_of_conduct_attested" boolean DEFAULT false NOT NULL,
	"privacy" jsonb NOT NULL,
	"privacy_updated_at" timestamp with time zone,
	"contact_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "apps_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"member_id" text,
	"app_id" text,
	"grant_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "authorities" (
	"id" serial PRIMARY KEY NOT NULL,
	"rep_id" text NOT NULL,
	"member_id" text NOT NULL,
	"type" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"member_id" text,
	"app_id" text,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"contact" text,
	"status" text DEFAULT 'open' NOT NULL,
	"reported_by_kind" text NOT NULL,
	"reported_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connect_flows" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"interaction_uid" text,
	"entry" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"step" text NOT NULL,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"browser_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"member_id" text NOT NULL,
	"app_id" text NOT NULL,
	"approved_by_kind" text NOT NULL,
	"representative_id" text,
	"authority_id" integer,
	"authority_type" text,
	"scopes" text NOT NULL,
	"categories" jsonb NOT NULL,
	"include_sensitive" boolean DEFAULT false NOT NULL,
	"data_window_start" date NOT NULL,
	"duration" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"revoked_reason" text,
	"replaced_by" text,
	"last_access_at" timestamp with time zone,
	"expiry_notice_sent_at" timestamp with time zone,
	"request_key" text,
	CONSTRAINT "consent_grants_request_key_unique" UNIQUE("request_key")
);
--> statement-breakpoint
CREATE TABLE "enrollment_spans" (
	"id" serial PRIMARY KEY NOT NULL,
	"member_id" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"plan_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fhir_resources" (
	"resource_type" text NOT NULL,
	"id" text NOT NULL,
	"patient_id" text,
	"last_updated" timestamp with time zone NOT NULL,
	"service_date" date,
	"billable_start" date,
	"eob_type" text,
	"sensitivity" text DEFAULT 'none' NOT NULL,
	"category" text NOT NULL,
	"identifiers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"resource" jsonb NOT NULL,
	CONSTRAINT "fhir_resources_resource_type_id_pk" PRIMARY KEY("resource_type","id")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"member_id" text PRIMARY KEY NOT NULL,
	"patient_id" text NOT NULL,
	"given" text NOT NULL,
	"family" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"address_line" text NOT NULL,
	"city" text NOT NULL,
	"state" text NOT NULL,
	"zip" text NOT NULL,
	"phone" text,
	"email" text NOT NULL,
	"preferred_locale" text DEFAULT 'en' NOT NULL,
	"deceased_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_patient_id_unique" UNIQUE("patient_id")
);
--> statement-breakpoint
CREATE TABLE "oidc_models" (
	"model" text NOT NULL,
	"id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"user_code" text,
	"uid" text,
	"expires_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "oidc_models_model_id_pk" PRIMARY KEY("model","id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"to_address" text NOT NULL,
	"template" text NOT NULL,
	"locale" text NOT NULL,
	"params" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "outbox_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"managed_care" boolean NOT NULL,
	"behavioral_health_via" text
);
--> statement-breakpoint
CREATE TABLE "portal_launches" (
	"id" text PRIMARY KEY NOT NULL,
	"grant_id" text NOT NULL,
	"browser_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "representatives" (
	"rep_id" text PRIMARY KEY NOT NULL,
	"related_person_id" text NOT NULL,
	"given" text NOT NULL,
	"family" text NOT NULL,
	"birth_date" date NOT NULL,
	"email" text NOT NULL,
	"zip" text NOT NULL,
	"preferred_locale" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "representatives_related_person_id_unique" UNIQUE("related_person_id")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"username" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"roles" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"purpose" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_grant_id_consent_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."consent_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_privacy_versions" ADD CONSTRAINT "app_privacy_versions_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorities" ADD CONSTRAINT "authorities_rep_id_representatives_rep_id_fk" FOREIGN KEY ("rep_id") REFERENCES "public"."representatives"("rep_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorities" ADD CONSTRAINT "authorities_member_id_members_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("member_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_member_id_members_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connect_flows" ADD CONSTRAINT "connect_flows_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_grants" ADD CONSTRAINT "consent_grants_member_id_members_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("member_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_grants" ADD CONSTRAINT "consent_grants_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_grants" ADD CONSTRAINT "consent_grants_representative_id_representatives_rep_id_fk" FOREIGN KEY ("representative_id") REFERENCES "public"."representatives"("rep_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_grants" ADD CONSTRAINT "consent_grants_authority_id_authorities_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_spans" ADD CONSTRAINT "enrollment_spans_member_id_members_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("member_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_spans" ADD CONSTRAINT "enrollment_spans_plan_code_plans_code_fk" FOREIGN KEY ("plan_code") REFERENCES "public"."plans"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_launches" ADD CONSTRAINT "portal_launches_grant_id_consent_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."consent_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_grant_at_idx" ON "access_log" USING btree ("grant_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_member_idx" ON "audit_events" USING btree ("member_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "authorities_rep_idx" ON "authorities" USING btree ("rep_id");--> statement-breakpoint
CREATE INDEX "authorities_member_idx" ON "authorities" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "cases_member_idx" ON "cases" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "consent_grants_member_idx" ON "consent_grants" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "consent_grants_app_idx" ON "consent_grants" USING btree ("app_id");--> statement-breakpoint
CREATE INDEX "enrollment_spans_member_idx" ON "enrollment_spans" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "fhir_resources_patient_idx" ON "fhir_resources" USING btree ("patient_id","resource_type","service_date");--> statement-breakpoint
CREATE INDEX "members_email_idx" ON "members" USING btree ("email");--> statement-breakpoint
CREATE INDEX "oidc_models_grant_idx" ON "oidc_models" USING btree ("grant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "oidc_models_uid_idx" ON "oidc_models" USING btree ("model","uid");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("sent_at","next_attempt_at");--> statement-breakpoint
CREATE INDEX "verification_codes_subject_idx" ON "verification_codes" USING btree ("subject_kind","subject_id","created_at");