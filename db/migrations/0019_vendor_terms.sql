CREATE TABLE "acknowledgement_links" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acknowledgement_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "engagement_rules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"client_id" uuid,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by_id" uuid,
	CONSTRAINT "engagement_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "letters_of_agency" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"status" text NOT NULL,
	"scope" text NOT NULL,
	"expires_on" date,
	"signer_name" text,
	"signer_title" text,
	"sent_at" timestamp with time zone,
	"sent_to" text,
	"signed_on" date,
	"file_sha256" text,
	"file_name" text,
	"file_content_type" text,
	"file_size" integer,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"reminded_days" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letters_of_agency_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "rules_acknowledgements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"engagement_id" uuid NOT NULL,
	"rules_version" integer NOT NULL,
	"addendum_version" integer,
	"name" text NOT NULL,
	"email" text,
	"via" text NOT NULL,
	"recorded_by_id" uuid,
	"acknowledged_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rules_acknowledgements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "vendor_notices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"text" text NOT NULL,
	"ticket_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"given_by_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	CONSTRAINT "vendor_notices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "acknowledgement_links" ADD CONSTRAINT "acknowledgement_links_tenant_id_engagement_id_vendor_engagements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","engagement_id") REFERENCES "public"."vendor_engagements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgement_links" ADD CONSTRAINT "acknowledgement_links_tenant_id_created_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_rules" ADD CONSTRAINT "engagement_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_rules" ADD CONSTRAINT "engagement_rules_tenant_id_client_id_clients_tenant_id_id_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_rules" ADD CONSTRAINT "engagement_rules_tenant_id_published_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","published_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters_of_agency" ADD CONSTRAINT "letters_of_agency_tenant_id_engagement_id_vendor_engagements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","engagement_id") REFERENCES "public"."vendor_engagements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters_of_agency" ADD CONSTRAINT "letters_of_agency_tenant_id_created_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules_acknowledgements" ADD CONSTRAINT "rules_acknowledgements_tenant_id_engagement_id_vendor_engagements_tenant_id_id_fk" FOREIGN KEY ("tenant_id","engagement_id") REFERENCES "public"."vendor_engagements"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules_acknowledgements" ADD CONSTRAINT "rules_acknowledgements_tenant_id_recorded_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","recorded_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_notices" ADD CONSTRAINT "vendor_notices_tenant_id_client_id_clients_tenant_id_id_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_notices" ADD CONSTRAINT "vendor_notices_tenant_id_vendor_id_vendors_tenant_id_id_fk" FOREIGN KEY ("tenant_id","vendor_id") REFERENCES "public"."vendors"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_notices" ADD CONSTRAINT "vendor_notices_tenant_id_given_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","given_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "acknowledgement_links_token_key" ON "acknowledgement_links" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_rules_version_key" ON "engagement_rules" USING btree ("tenant_id",coalesce("client_id", '00000000-0000-0000-0000-000000000000'::uuid),"version");--> statement-breakpoint
CREATE INDEX "letters_of_agency_engagement_idx" ON "letters_of_agency" USING btree ("tenant_id","engagement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "letters_of_agency_pending_key" ON "letters_of_agency" USING btree ("tenant_id","engagement_id") WHERE "letters_of_agency"."status" in ('draft', 'sent');--> statement-breakpoint
CREATE INDEX "rules_acknowledgements_engagement_idx" ON "rules_acknowledgements" USING btree ("tenant_id","engagement_id");--> statement-breakpoint
CREATE INDEX "vendor_notices_client_idx" ON "vendor_notices" USING btree ("tenant_id","client_id","vendor_id");