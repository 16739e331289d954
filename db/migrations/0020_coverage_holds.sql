CREATE TABLE "coverage_holds" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"ticket_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"requires_loa" boolean NOT NULL,
	"requires_rules_acknowledged" boolean NOT NULL,
	"clean_days" integer NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"placed_by_id" uuid,
	"lifted_at" timestamp with time zone,
	"lifted_by_id" uuid,
	"lifted_reason" text,
	CONSTRAINT "coverage_holds_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "coverage_holds" ADD CONSTRAINT "coverage_holds_tenant_id_asset_id_assets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","asset_id") REFERENCES "public"."assets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_holds" ADD CONSTRAINT "coverage_holds_tenant_id_client_id_clients_tenant_id_id_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_holds" ADD CONSTRAINT "coverage_holds_tenant_id_vendor_id_vendors_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vendor_id") REFERENCES "public"."vendors"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_holds" ADD CONSTRAINT "coverage_holds_tenant_id_placed_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","placed_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_holds" ADD CONSTRAINT "coverage_holds_tenant_id_lifted_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","lifted_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coverage_holds_active_key" ON "coverage_holds" USING btree ("tenant_id","asset_id") WHERE "coverage_holds"."lifted_at" is null;--> statement-breakpoint
CREATE INDEX "coverage_holds_client_idx" ON "coverage_holds" USING btree ("tenant_id","client_id");