-- Each resource's served JSON kept in its own row, compressed with LZ4, where the server has LZ4
-- (Postgres built with it: Debian's, the cloud services'). A page of 50 claims is then read from
-- about 26 table pages instead of 200 TOAST chunks looked up one by one, and the table is a third
-- of the size. A server without LZ4 (PGlite) keeps the uncompressed out-of-line storage of 0008.
-- Existing rows are rewritten once (`|| ''` makes a new value; an unchanged one would keep its
-- TOAST pointer).
DO $$
BEGIN
  ALTER TABLE "fhir_resources" ALTER COLUMN "resource" SET COMPRESSION lz4;
  ALTER TABLE "fhir_resources" ALTER COLUMN "resource" SET STORAGE MAIN;
  UPDATE "fhir_resources" SET "resource" = "resource" || '';
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
