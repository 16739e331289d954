CREATE TABLE "change_calendar_feeds" (
	"tenant_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_calendar_feeds_tenant_id_client_id_pk" PRIMARY KEY("tenant_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "change_request_assets" (
	"tenant_id" uuid NOT NULL,
	"change_request_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	CONSTRAINT "change_request_assets_tenant_id_change_request_id_asset_id_pk" PRIMARY KEY("tenant_id","change_request_id","asset_id")
);
--> statement-breakpoint
CREATE TABLE "change_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" integer NOT NULL,
	"client_id" uuid NOT NULL,
	"vendor_id" uuid,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"risk" text NOT NULL,
	"back_out_plan" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"emergency" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"requested_by_id" uuid,
	"requested_by_name" text,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "change_requests_window_check" CHECK ("change_requests"."window_end" > "change_requests"."window_start")
);
--> statement-breakpoint
CREATE TABLE "routine_actors" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"actor" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routine_actors_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "vendor_accounts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"identifier" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_accounts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "vendor_engagements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"product" text NOT NULL,
	"support_contract" text,
	"renews_on" date,
	"sla_terms" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_engagements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	"website" text,
	"support_email" text,
	"support_phone" text,
	"notes" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendors_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "asset_changes" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "asset_changes" ADD COLUMN "vendor_id" uuid;--> statement-breakpoint
ALTER TABLE "asset_changes" ADD COLUMN "change_request_id" uuid;--> statement-breakpoint
ALTER TABLE "asset_changes" ADD COLUMN "outcome_reason" text;--> statement-breakpoint
ALTER TABLE "asset_changes" ADD COLUMN "judged_by_id" uuid;--> statement-breakpoint
ALTER TABLE "asset_changes" ADD COLUMN "judged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "asset_changes" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "change_calendar_feeds" ADD CONSTRAINT "change_calendar_feeds_tenant_id_client_id_clients_tenant_id_id_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_request_assets" ADD CONSTRAINT "change_request_assets_tenant_id_change_request_id_change_requests_tenant_id_id_fk" FOREIGN KEY ("tenant_id","change_request_id") REFERENCES "public"."change_requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_request_assets" ADD CONSTRAINT "change_request_assets_tenant_id_asset_id_assets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","asset_id") REFERENCES "public"."assets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_tenant_id_client_id_clients_tenant_id_id_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_tenant_id_vendor_id_vendors_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vendor_id") REFERENCES "public"."vendors"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_tenant_id_requested_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","requested_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_tenant_id_decided_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","decided_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routine_actors" ADD CONSTRAINT "routine_actors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_accounts" ADD CONSTRAINT "vendor_accounts_tenant_id_engagement_id_vendor_engagements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","engagement_id") REFERENCES "public"."vendor_engagements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_engagements" ADD CONSTRAINT "vendor_engagements_tenant_id_vendor_id_vendors_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vendor_id") REFERENCES "public"."vendors"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_engagements" ADD CONSTRAINT "vendor_engagements_tenant_id_client_id_clients_tenant_id_id_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "change_calendar_feeds_token_key" ON "change_calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "change_request_assets_asset_idx" ON "change_request_assets" USING btree ("tenant_id","asset_id");--> statement-breakpoint
CREATE UNIQUE INDEX "change_requests_number_key" ON "change_requests" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "change_requests_client_idx" ON "change_requests" USING btree ("tenant_id","client_id","window_start");--> statement-breakpoint
CREATE UNIQUE INDEX "routine_actors_actor_key" ON "routine_actors" USING btree ("tenant_id",lower("actor"));--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_accounts_identifier_key" ON "vendor_accounts" USING btree ("tenant_id","engagement_id","kind",lower("identifier"));--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_engagements_product_key" ON "vendor_engagements" USING btree ("tenant_id","vendor_id","client_id",lower("product"));--> statement-breakpoint
CREATE INDEX "vendor_engagements_client_idx" ON "vendor_engagements" USING btree ("tenant_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendors_name_key" ON "vendors" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "asset_changes_outcome_idx" ON "asset_changes" USING btree ("tenant_id","outcome","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "asset_changes_vendor_idx" ON "asset_changes" USING btree ("tenant_id","vendor_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
-- Every existing organization starts with the default routine actors, as a new one does (from the
-- tenant-created hook; src/shared/api/vendors.ts defaultRoutineActors). Ids are UUIDv7 built by hand:
-- PostgreSQL 15 has no uuidv7().
INSERT INTO "routine_actors" ("tenant_id", "id", "actor", "note")
SELECT t."id",
	encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid,
	d."actor", d."note"
FROM "tenants" t
CROSS JOIN (VALUES
	('unattended-upgrades', 'Debian and Ubuntu''s automatic security updates'),
	('SYSTEM', 'Windows Update, Defender and other services running as Local System'),
	('TrustedInstaller', 'Windows servicing')
) AS d("actor", "note")
ON CONFLICT DO NOTHING;
