CREATE TABLE "agent_receipts" (
	"tenant_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"outcome" text NOT NULL,
	"changes" integer NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agent_receipts_tenant_id_agent_id_idempotency_key_pk" PRIMARY KEY("tenant_id","agent_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "asset_alerts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"condition" text NOT NULL,
	"subject" text NOT NULL,
	"ticket_id" uuid NOT NULL,
	"detail" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"cleared_at" timestamp with time zone,
	CONSTRAINT "asset_alerts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "asset_changes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"before" text,
	"after" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"time_from_log" boolean NOT NULL,
	"since" timestamp with time zone,
	"actor" text,
	"actor_source" text,
	"open_sessions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	CONSTRAINT "asset_changes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "asset_inventories" (
	"tenant_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"state" jsonb NOT NULL,
	"state_hash" text NOT NULL,
	"health" jsonb NOT NULL,
	"not_available" jsonb NOT NULL,
	"agent_version" text NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "asset_inventories_tenant_id_asset_id_pk" PRIMARY KEY("tenant_id","asset_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_assets" (
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	CONSTRAINT "ticket_assets_tenant_id_ticket_id_asset_id_pk" PRIMARY KEY("tenant_id","ticket_id","asset_id")
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "agent_offline_minutes" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_receipts" ADD CONSTRAINT "agent_receipts_tenant_id_agent_id_agents_tenant_id_id_fk" FOREIGN KEY ("tenant_id","agent_id") REFERENCES "public"."agents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_alerts" ADD CONSTRAINT "asset_alerts_tenant_id_asset_id_assets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","asset_id") REFERENCES "public"."assets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_alerts" ADD CONSTRAINT "asset_alerts_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."tickets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_changes" ADD CONSTRAINT "asset_changes_tenant_id_asset_id_assets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","asset_id") REFERENCES "public"."assets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_inventories" ADD CONSTRAINT "asset_inventories_tenant_id_asset_id_assets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","asset_id") REFERENCES "public"."assets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_inventories" ADD CONSTRAINT "asset_inventories_tenant_id_agent_id_agents_tenant_id_id_fk" FOREIGN KEY ("tenant_id","agent_id") REFERENCES "public"."agents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_assets" ADD CONSTRAINT "ticket_assets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_assets" ADD CONSTRAINT "ticket_assets_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."tickets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_assets" ADD CONSTRAINT "ticket_assets_tenant_id_asset_id_assets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","asset_id") REFERENCES "public"."assets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_receipts_received_idx" ON "agent_receipts" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_alerts_condition_key" ON "asset_alerts" USING btree ("tenant_id","asset_id","condition","subject");--> statement-breakpoint
CREATE INDEX "asset_alerts_open_idx" ON "asset_alerts" USING btree ("tenant_id","asset_id") WHERE "asset_alerts"."cleared_at" is null;--> statement-breakpoint
CREATE INDEX "asset_changes_asset_idx" ON "asset_changes" USING btree ("tenant_id","asset_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ticket_assets_asset_idx" ON "ticket_assets" USING btree ("tenant_id","asset_id");--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_agent_offline_minutes_check" CHECK ("clients"."agent_offline_minutes" between 5 and 10080);