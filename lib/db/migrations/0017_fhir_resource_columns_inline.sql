-- The row's own small columns stay in the row. Since 0016 keeps the served JSON in the row
-- (STORAGE MAIN), a claim's row is still over Postgres's 2 kB toast target after its JSON is
-- compressed, and the toaster's second round, which runs before MAIN columns are compressed,
-- moved every other variable-length column over 24 bytes out of line: the id, the identifiers and
-- the service dates of every claim went to the TOAST table, three TOAST rows a claim. A page of
-- 50 claims then looked up 51 ids in the TOAST index to answer; every new claim wrote three TOAST
-- rows and their index entries. Short fields the server writes itself are PLAIN (never compressed,
-- never out of line); the identifiers and the items' dates, which grow with the claim, are MAIN
-- (out of line only when the row cannot fit a page otherwise). PGlite keeps 0008's EXTERNAL JSON,
-- which leaves these columns in the row already; the statements are the same there.
-- Existing rows are rewritten once (a new value for each moved column; an unchanged one would keep
-- its TOAST pointer).
ALTER TABLE "fhir_resources" ALTER COLUMN "resource_type" SET STORAGE PLAIN;--> statement-breakpoint
ALTER TABLE "fhir_resources" ALTER COLUMN "id" SET STORAGE PLAIN;--> statement-breakpoint
ALTER TABLE "fhir_resources" ALTER COLUMN "patient_id" SET STORAGE PLAIN;--> statement-breakpoint
ALTER TABLE "fhir_resources" ALTER COLUMN "eob_type" SET STORAGE PLAIN;--> statement-breakpoint
ALTER TABLE "fhir_resources" ALTER COLUMN "sensitivity" SET STORAGE PLAIN;--> statement-breakpoint
ALTER TABLE "fhir_resources" ALTER COLUMN "category" SET STORAGE PLAIN;--> statement-breakpoint
ALTER TABLE "fhir_resources" ALTER COLUMN "identifiers" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "fhir_resources" ALTER COLUMN "item_service_dates" SET STORAGE MAIN;--> statement-breakpoint
UPDATE "fhir_resources" SET "id" = "id" || '', "patient_id" = "patient_id" || '', "identifiers" = "identifiers"::text::jsonb,
  "item_service_dates" = "item_service_dates"::text::date[]
  WHERE (SELECT attstorage FROM pg_attribute WHERE attrelid = 'fhir_resources'::regclass AND attname = 'resource') = 'm';
