-- A member's rows by when they changed: an app polling with `_lastUpdated` (what changed since it
-- last asked) reads the rows updated since, not every row of the member (read-search-page.ts).
CREATE INDEX IF NOT EXISTS "fhir_resources_updated_idx" ON "fhir_resources" USING btree ("patient_id","resource_type","last_updated");
