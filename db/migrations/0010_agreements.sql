CREATE TABLE "agreement_lines" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"catalog_item_id" uuid NOT NULL,
	"description" text,
	"quantity" integer NOT NULL,
	"minimum_quantity" integer DEFAULT 0 NOT NULL,
	"unit_price_cents" bigint NOT NULL,
	CONSTRAINT "agreement_lines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "agreement_lines_quantity_check" CHECK ("agreement_lines"."quantity" >= 0 and "agreement_lines"."minimum_quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"is_client_default" boolean DEFAULT false NOT NULL,
	"currency" text NOT NULL,
	"calendar_id" uuid,
	"sla_policy_id" uuid,
	"hourly_rate_cents" bigint NOT NULL,
	"role_rates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"after_hours_percent" integer,
	"weekend_percent" integer,
	"holiday_percent" integer,
	"covered_service_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"covered_asset_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"excluded_ticket_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"excluded_work_type_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"excluded_work_role_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"fallback_agreement_id" uuid,
	"onsite_minimum_minutes" integer DEFAULT 0 NOT NULL,
	"trip_charge_cents" bigint DEFAULT 0 NOT NULL,
	"remote_ticket_minimum_minutes" integer DEFAULT 0 NOT NULL,
	"rounding_minutes" integer DEFAULT 1 NOT NULL,
	"vendor_caused_work" text NOT NULL,
	"requires_loa" boolean DEFAULT false NOT NULL,
	"requires_client_approval_of_vendor_changes" boolean DEFAULT false NOT NULL,
	"block_minutes" integer,
	"block_price_cents" bigint,
	"overage_rate_cents" bigint,
	"block_rollover" text,
	"block_expiry_months" integer,
	"retainer_cents" bigint,
	"fixed_fee_cents" bigint,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "agreements_period_check" CHECK ("agreements"."ends_on" is null or "agreements"."ends_on" >= "agreements"."starts_on"),
	CONSTRAINT "agreements_rate_check" CHECK ("agreements"."hourly_rate_cents" >= 0 and "agreements"."trip_charge_cents" >= 0),
	CONSTRAINT "agreements_rounding_check" CHECK ("agreements"."rounding_minutes" between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "member_work_roles" (
	"tenant_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"work_role_id" uuid NOT NULL,
	CONSTRAINT "member_work_roles_tenant_id_membership_id_pk" PRIMARY KEY("tenant_id","membership_id")
);
--> statement-breakpoint
CREATE TABLE "work_roles" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_roles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "agreement_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "service_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "after_hours_request" jsonb;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "agreement_id" uuid;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "work_role_id" uuid;--> statement-breakpoint
ALTER TABLE "time_entries" ADD COLUMN "billing_override" jsonb;--> statement-breakpoint
ALTER TABLE "work_types" ADD COLUMN "is_on_site" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_lines" ADD CONSTRAINT "agreement_lines_tenant_id_agreement_id_agreements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","agreement_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_lines" ADD CONSTRAINT "agreement_lines_tenant_id_catalog_item_id_catalog_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","catalog_item_id") REFERENCES "public"."catalog_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_tenant_id_client_id_clients_tenant_id_id_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_tenant_id_calendar_id_calendars_tenant_id_id_fk" FOREIGN KEY ("tenant_id","calendar_id") REFERENCES "public"."calendars"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_tenant_id_sla_policy_id_sla_policies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","sla_policy_id") REFERENCES "public"."sla_policies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_tenant_id_fallback_agreement_id_agreements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","fallback_agreement_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_work_roles" ADD CONSTRAINT "member_work_roles_tenant_id_membership_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","membership_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_work_roles" ADD CONSTRAINT "member_work_roles_tenant_id_work_role_id_work_roles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","work_role_id") REFERENCES "public"."work_roles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_roles" ADD CONSTRAINT "work_roles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_lines_agreement_idx" ON "agreement_lines" USING btree ("tenant_id","agreement_id","position");--> statement-breakpoint
CREATE INDEX "agreements_client_idx" ON "agreements" USING btree ("tenant_id","client_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "work_roles_name_key" ON "work_roles" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_tenant_id_agreement_id_agreements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","agreement_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_tenant_id_service_id_catalog_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","service_id") REFERENCES "public"."catalog_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_tenant_id_agreement_id_agreements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","agreement_id") REFERENCES "public"."agreements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_tenant_id_work_role_id_work_roles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","work_role_id") REFERENCES "public"."work_roles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "time_entries_agreement_idx" ON "time_entries" USING btree ("tenant_id","agreement_id","started_at");