-- A member's rows by when they changed: an app polling with `_lastUpdated` (what changed since it
-- last asked) reads the rows updated since, not every row of the member (read-search-page.ts).
-- Migrations run in a transaction, so this build holds writes to fhir_resources while it runs; on
-- a large table, create the same index CONCURRENTLY beforehand and this does nothing.
CREATE INDEX IF NOT EXISTS "fhir_resources_updated_idx" ON "fhir_resources" USING btree ("patient_id","resource_type","last_updated");
