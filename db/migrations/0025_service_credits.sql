CREATE TABLE "service_credits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"ticket_id" uuid,
	"clock" text,
	"priority" text,
	"scheduled_cents" bigint NOT NULL,
	"amount_cents" bigint NOT NULL,
	"currency" text NOT NULL,
	"explanation" text NOT NULL,
	"mode" text NOT NULL,
	"dispute_by" date NOT NULL,
	"dispute_exclusion" text,
	"dispute_reason" text,
	"disputed_by_id" uuid,
	"disputed_at" timestamp with time zone,
	"invoice_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_credits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_credits_amount_check" CHECK ("service_credits"."amount_cents" >= 0 and "service_credits"."amount_cents" <= "service_credits"."scheduled_cents")
);
--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "penalty_schedule" jsonb;--> statement-breakpoint
ALTER TABLE "service_credits" ADD CONSTRAINT "service_credits_tenant_id_agreement_id_agreements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","agreement_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_credits" ADD CONSTRAINT "service_credits_tenant_id_client_id_clients_tenant_id_id_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_credits" ADD CONSTRAINT "service_credits_tenant_id_statement_id_sla_statements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","statement_id") REFERENCES "public"."sla_statements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_credits" ADD CONSTRAINT "service_credits_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."tickets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_credits" ADD CONSTRAINT "service_credits_tenant_id_disputed_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","disputed_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_credits_statement_idx" ON "service_credits" USING btree ("tenant_id","statement_id");--> statement-breakpoint
CREATE INDEX "service_credits_client_idx" ON "service_credits" USING btree ("tenant_id","client_id","invoice_id");