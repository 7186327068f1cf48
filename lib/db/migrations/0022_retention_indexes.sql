-- The retention purge (lib/server/retention) picks the rows whose life is over by when it ended,
-- every 15 minutes: without these it would read the whole of each table every time, and
-- oidc_models and the outbox grow with every token and every message.
-- Migrations run in a transaction, so each build holds writes to its table while it runs; on a
-- large table, create the same index CONCURRENTLY beforehand and this does nothing.
CREATE INDEX IF NOT EXISTS "connect_flows_expires_idx" ON "connect_flows" USING btree ("expires_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "verification_codes_expires_idx" ON "verification_codes" USING btree ("expires_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "portal_launches_expires_idx" ON "portal_launches" USING btree ("expires_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "oidc_models_expires_idx" ON "oidc_models" USING btree ("expires_at");
--> statement-breakpoint
-- Mail not yet scrubbed (a scrubbed row's address is ''), by when it was sent or could no longer
-- be: the scrubbed rows, most of the table in time, stay out of it.
CREATE INDEX IF NOT EXISTS "outbox_unscrubbed_idx" ON "outbox" USING btree (coalesce("sent_at", "expires_at")) WHERE "to_address" <> '';
