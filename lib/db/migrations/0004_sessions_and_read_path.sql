-- Issue 10. Hub sessions as server-side records: the browser's session cookie carries only the
-- record's id (hashed here), so sign-out deletes the record and a replayed cookie opens nothing.
-- The provider sessions (oidc_models 'Session') that were logged in under a hub session are listed
-- on it, so that its end ends them too.
CREATE TABLE "hub_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"verified_at" timestamp with time zone NOT NULL,
	"idle_expires_at" timestamp with time zone NOT NULL,
	"absolute_expires_at" timestamp with time zone NOT NULL,
	"provider_session_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "hub_sessions_subject_idx" ON "hub_sessions" USING btree ("kind","subject_id");--> statement-breakpoint
CREATE INDEX "hub_sessions_idle_idx" ON "hub_sessions" USING btree ("idle_expires_at");
