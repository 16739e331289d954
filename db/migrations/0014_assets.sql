CREATE TABLE "assets" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"site_id" uuid,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"serial" text,
	"hostname" text,
	"os" text,
	"os_version" text,
	"criticality" text DEFAULT 'normal' NOT NULL,
	"is_managed" boolean DEFAULT true NOT NULL,
	"is_standard" boolean DEFAULT false NOT NULL,
	"warranty_ends_on" date,
	"notes" text DEFAULT '' NOT NULL,
	"last_seen_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_tenant_id_client_id_clients_tenant_id_id_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_tenant_id_site_id_sites_tenant_id_id_fk" FOREIGN KEY ("tenant_id","site_id") REFERENCES "public"."sites"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assets_client_idx" ON "assets" USING btree ("tenant_id","client_id",lower("name"));--> statement-breakpoint
CREATE INDEX "assets_serial_idx" ON "assets" USING btree ("tenant_id","serial");