CREATE TABLE "sla_breach_explanations" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"text" text NOT NULL,
	"author_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_breach_explanations_tenant_id_ticket_id_clock_pk" PRIMARY KEY("tenant_id","ticket_id","clock")
);
--> statement-breakpoint
CREATE TABLE "sla_statements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"month" text NOT NULL,
	"figures" jsonb NOT NULL,
	"explanations" jsonb NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by_id" uuid,
	CONSTRAINT "sla_statements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sla_statements_month_check" CHECK ("sla_statements"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "sla_breach_explanations" ADD CONSTRAINT "sla_breach_explanations_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."tickets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_breach_explanations" ADD CONSTRAINT "sla_breach_explanations_tenant_id_author_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","author_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_statements" ADD CONSTRAINT "sla_statements_tenant_id_agreement_id_agreements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","agreement_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_statements" ADD CONSTRAINT "sla_statements_tenant_id_closed_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","closed_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_statements_month_key" ON "sla_statements" USING btree ("tenant_id","agreement_id","month");