-- What a signed-in person typed into an account form when their session had ended by the time
-- they sent it (idle, signed out in another tab): kept for an hour, bound to the browser and to
-- the person the page was drawn for, and put back into the form once that person signs in again.
CREATE TABLE IF NOT EXISTS "form_drafts" (
	"id" text PRIMARY KEY NOT NULL,
	"browser_key" text NOT NULL,
	"viewer" text NOT NULL,
	"path" text NOT NULL,
	"values" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "form_drafts_browser_key_idx" ON "form_drafts" USING btree ("browser_key");
