CREATE TABLE "remediation_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"issue" text NOT NULL,
	"action" text NOT NULL,
	"owner" text NOT NULL,
	"due_on" date NOT NULL,
	"priority" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"done_at" timestamp with time zone,
	"note" text,
	CONSTRAINT "remediation_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "remediation_notices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ref" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "remediation_notices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "remediation_plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"vendor_id" uuid,
	"title" text NOT NULL,
	"concern" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_by_id" uuid NOT NULL,
	"response_due_on" date NOT NULL,
	"responded_at" timestamp with time zone,
	"responded_by_id" uuid,
	"response_text" text,
	"ends_on" date NOT NULL,
	"notice_limit" integer NOT NULL,
	"recommendation" jsonb,
	"decisions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decided_at" timestamp with time zone,
	"handover" jsonb,
	"vendor_notice_id" uuid,
	"reminded_days" integer[] DEFAULT '{}'::integer[] NOT NULL,
	CONSTRAINT "remediation_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "remediation_items" ADD CONSTRAINT "remediation_items_tenant_id_plan_id_remediation_plans_tenant_id_id_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."remediation_plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_notices" ADD CONSTRAINT "remediation_notices_tenant_id_plan_id_remediation_plans_tenant_id_id_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."remediation_plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_plans" ADD CONSTRAINT "remediation_plans_tenant_id_client_id_clients_tenant_id_id_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_plans" ADD CONSTRAINT "remediation_plans_tenant_id_vendor_id_vendors_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vendor_id") REFERENCES "public"."vendors"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_plans" ADD CONSTRAINT "remediation_plans_tenant_id_filed_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","filed_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remediation_plans" ADD CONSTRAINT "remediation_plans_tenant_id_responded_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","responded_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "remediation_items_plan_idx" ON "remediation_items" USING btree ("tenant_id","plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "remediation_notices_key" ON "remediation_notices" USING btree ("tenant_id","plan_id","kind","ref");--> statement-breakpoint
CREATE INDEX "remediation_plans_client_idx" ON "remediation_plans" USING btree ("tenant_id","client_id");--> statement-breakpoint
CREATE INDEX "remediation_plans_open_idx" ON "remediation_plans" USING btree ("ends_on") WHERE "remediation_plans"."decided_at" is null;