CREATE TABLE "ticket_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"reopen_window_days" integer DEFAULT 7 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_views" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"shared" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_views_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "time_entries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"work_type_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"note" text NOT NULL,
	"cause" text DEFAULT 'normal' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_entries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "time_entry_revisions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"time_entry_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"change" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"before" jsonb,
	"after" jsonb,
	CONSTRAINT "time_entry_revisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "work_types" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_types_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "ticket_settings" ADD CONSTRAINT "ticket_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_views" ADD CONSTRAINT "ticket_views_tenant_id_owner_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_tenant_id_ticket_id_tickets_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ticket_id") REFERENCES "public"."tickets"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_tenant_id_staff_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","staff_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_tenant_id_work_type_id_work_types_tenant_id_id_fk" FOREIGN KEY ("tenant_id","work_type_id") REFERENCES "public"."work_types"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entry_revisions" ADD CONSTRAINT "time_entry_revisions_tenant_id_time_entry_id_time_entries_tenant_id_id_fk" FOREIGN KEY ("tenant_id","time_entry_id") REFERENCES "public"."time_entries"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entry_revisions" ADD CONSTRAINT "time_entry_revisions_tenant_id_actor_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","actor_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_types" ADD CONSTRAINT "work_types_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_views_owner_idx" ON "ticket_views" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "time_entries_ticket_idx" ON "time_entries" USING btree ("tenant_id","ticket_id","started_at");--> statement-breakpoint
CREATE INDEX "time_entries_staff_idx" ON "time_entries" USING btree ("tenant_id","staff_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "time_entry_revisions_key" ON "time_entry_revisions" USING btree ("tenant_id","time_entry_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "work_types_name_key" ON "work_types" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
-- Seed: tenants that existed before this migration get the default work types (new tenants get them
-- from the tenant-created hook). Ids are UUIDv7 built by hand: PostgreSQL 15 has no uuidv7().
INSERT INTO "work_types" ("tenant_id", "id", "name", "position")
SELECT t."id",
	encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid,
	d."name", d."position"
FROM "tenants" t
CROSS JOIN (VALUES ('Remote support', 0), ('On-site', 1), ('Project', 2), ('Admin', 3), ('Travel', 4)) AS d("name", "position");
