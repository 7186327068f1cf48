-- When the language on file was saved: null while there is none yet (the column's 'en' is then only
-- a fallback). The language a page was read in is saved only then; after that only a language the
-- person chose (the switch, a ?lang= link, customer service) replaces it (remember-preferred-locale.ts).
ALTER TABLE "members" ADD COLUMN IF NOT EXISTS "preferred_locale_saved_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "representatives" ADD COLUMN IF NOT EXISTS "preferred_locale_saved_at" timestamp with time zone;
--> statement-breakpoint
-- A language other than the default was saved by someone: it is on file.
UPDATE "members" SET "preferred_locale_saved_at" = now() WHERE "preferred_locale" <> 'en' AND "preferred_locale_saved_at" IS NULL;
--> statement-breakpoint
UPDATE "representatives" SET "preferred_locale_saved_at" = now() WHERE "preferred_locale" <> 'en' AND "preferred_locale_saved_at" IS NULL;
