ALTER TABLE "outbox" ADD COLUMN "sealed_params" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "expires_at" timestamp with time zone;