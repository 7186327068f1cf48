-- Payer-to-Payer reads follow a member match (issue 15, a probe's finding): the last
-- `$member-match` each health plan made for a member, under which choice of the member and with
-- which policy both sides agreed. Reads look it up; without it, or under an older choice, they are
-- refused, and sensitive claims go only under `#sensitive` from both sides.
CREATE TABLE IF NOT EXISTS "payer_member_matches" (
	"client_id" text NOT NULL,
	"member_id" text NOT NULL,
	"choice_id" text NOT NULL,
	"policy" text NOT NULL,
	"matched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payer_member_matches_client_id_member_id_pk" PRIMARY KEY("client_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "payer_member_matches" ADD CONSTRAINT "payer_member_matches_member_id_members_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("member_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payer_member_matches" ADD CONSTRAINT "payer_member_matches_choice_id_sharing_choices_id_fk" FOREIGN KEY ("choice_id") REFERENCES "public"."sharing_choices"("id") ON DELETE cascade ON UPDATE no action;
