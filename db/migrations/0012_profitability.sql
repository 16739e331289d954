CREATE TABLE "staff_cost_rates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"hourly_cost_cents" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_cost_rates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "staff_cost_rates_cost_check" CHECK ("staff_cost_rates"."hourly_cost_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "staff_cost_rates" ADD CONSTRAINT "staff_cost_rates_tenant_id_membership_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","membership_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_cost_rates_member_date_key" ON "staff_cost_rates" USING btree ("tenant_id","membership_id","effective_from");