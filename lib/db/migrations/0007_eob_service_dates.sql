-- Issue 14: the ExplanationOfBenefit date searches CARIN BB requires (service-date,
-- service-start-date) read billablePeriod.end and every item's service date, not only the first
-- service day: a stay's line on its third day must be found by a search for that day.
ALTER TABLE "fhir_resources" ADD COLUMN "billable_end" date;--> statement-breakpoint
ALTER TABLE "fhir_resources" ADD COLUMN "item_service_dates" date[];--> statement-breakpoint
UPDATE "fhir_resources" SET
  "billable_end" = left("resource"::jsonb->'billablePeriod'->>'end', 10)::date,
  "item_service_dates" = (
    SELECT array_agg(DISTINCT left(coalesce(i->>'servicedDate', i->'servicedPeriod'->>'start'), 10)::date)
      FROM jsonb_array_elements(coalesce("resource"::jsonb->'item', '[]'::jsonb)) AS i
     WHERE coalesce(i->>'servicedDate', i->'servicedPeriod'->>'start') IS NOT NULL)
  WHERE "resource_type" = 'ExplanationOfBenefit';
