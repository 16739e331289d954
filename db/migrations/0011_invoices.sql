CREATE TABLE "billing_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"invoice_prefix" text DEFAULT 'INV-' NOT NULL,
	"next_invoice_number" integer DEFAULT 1001 NOT NULL,
	"payment_terms_days" integer DEFAULT 30 NOT NULL,
	"prices_include_tax" boolean DEFAULT false NOT NULL,
	"revenue_account_code" text DEFAULT '200' NOT NULL,
	"margin_threshold_percent" integer DEFAULT 20 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"detail" text,
	"quantity" numeric(14, 4) NOT NULL,
	"unit" text NOT NULL,
	"unit_price_cents" bigint NOT NULL,
	"amount_cents" bigint NOT NULL,
	"value_cents" bigint NOT NULL,
	"tax_code_id" uuid,
	"tax_code_name" text,
	"tax_rate_basis_points" integer NOT NULL,
	"tax_cents" bigint NOT NULL,
	"agreement_id" uuid,
	"agreement_name" text,
	"agreement_line_id" uuid,
	"catalog_item_id" uuid,
	"ticket_id" uuid,
	"ticket_number" integer,
	"period_start" date,
	"period_end" date,
	"time_entry_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"cost_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "invoice_lines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoice_time_entries" (
	"tenant_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"time_entry_id" uuid NOT NULL,
	CONSTRAINT "invoice_time_entries_tenant_id_time_entry_id_pk" PRIMARY KEY("tenant_id","time_entry_id")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"period" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"number" text,
	"sequence" integer,
	"currency" text NOT NULL,
	"issued_on" date,
	"due_on" date,
	"payment_terms_days" integer NOT NULL,
	"prices_include_tax" boolean NOT NULL,
	"tax_exempt" boolean NOT NULL,
	"tax_exemption_reference" text,
	"labour_through" date NOT NULL,
	"subtotal_cents" bigint NOT NULL,
	"tax_cents" bigint NOT NULL,
	"total_cents" bigint NOT NULL,
	"taxes" jsonb NOT NULL,
	"count_changes" jsonb NOT NULL,
	"pool_balances" jsonb NOT NULL,
	"time_entry_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"time_entry_revisions" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"finalized_at" timestamp with time zone,
	"finalized_by_id" uuid,
	"voided_at" timestamp with time zone,
	"voided_by_id" uuid,
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "agreement_lines" ADD COLUMN "approved_quantity" integer;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "tax_exempt" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "tax_exemption_reference" text;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "show_covered_work" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD CONSTRAINT "billing_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_tenant_id_invoice_id_invoices_tenant_id_id_fk" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_time_entries" ADD CONSTRAINT "invoice_time_entries_tenant_id_invoice_id_invoices_tenant_id_id_fk" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_time_entries" ADD CONSTRAINT "invoice_time_entries_tenant_id_time_entry_id_time_entries_tenant_id_id_fk" FOREIGN KEY ("tenant_id","time_entry_id") REFERENCES "public"."time_entries"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_tenant_id_client_id_clients_tenant_id_id_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_tenant_id_finalized_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","finalized_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_tenant_id_voided_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","voided_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoice_lines_invoice_idx" ON "invoice_lines" USING btree ("tenant_id","invoice_id","position");--> statement-breakpoint
CREATE INDEX "invoice_time_entries_invoice_idx" ON "invoice_time_entries" USING btree ("tenant_id","invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_client_period_key" ON "invoices" USING btree ("tenant_id","client_id","period") WHERE "invoices"."status" <> 'void';--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_sequence_key" ON "invoices" USING btree ("tenant_id","sequence");--> statement-breakpoint
CREATE INDEX "invoices_period_idx" ON "invoices" USING btree ("tenant_id","period");