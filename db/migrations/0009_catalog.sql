CREATE TABLE "catalog_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"unit" text NOT NULL,
	"device_class" text,
	"price_cents" bigint NOT NULL,
	"currency" text NOT NULL,
	"is_resale" boolean DEFAULT false NOT NULL,
	"unit_cost_cents" bigint,
	"tax_code_id" uuid NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "catalog_items_price_check" CHECK ("catalog_items"."price_cents" >= 0),
	CONSTRAINT "catalog_items_cost_check" CHECK (("catalog_items"."is_resale" and "catalog_items"."unit_cost_cents" >= 0) or (not "catalog_items"."is_resale" and "catalog_items"."unit_cost_cents" is null)),
	CONSTRAINT "catalog_items_device_class_check" CHECK (("catalog_items"."unit" = 'per_device') = ("catalog_items"."device_class" is not null))
);
--> statement-breakpoint
CREATE TABLE "tax_codes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"rate_basis_points" integer NOT NULL,
	"description" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tax_codes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tax_codes_rate_check" CHECK ("tax_codes"."rate_basis_points" between 0 and 10000)
);
--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_tenant_id_tax_code_id_tax_codes_tenant_id_id_fk" FOREIGN KEY ("tenant_id","tax_code_id") REFERENCES "public"."tax_codes"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_codes" ADD CONSTRAINT "tax_codes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_items_name_key" ON "catalog_items" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "catalog_items_category_idx" ON "catalog_items" USING btree ("tenant_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "tax_codes_name_key" ON "tax_codes" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "tax_codes_default_key" ON "tax_codes" USING btree ("tenant_id") WHERE "tax_codes"."is_default";