CREATE TABLE "change_approval_links" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"change_request_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_approval_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "change_requests" ADD COLUMN "client_approval" text DEFAULT 'not_needed' NOT NULL;--> statement-breakpoint
ALTER TABLE "change_requests" ADD COLUMN "client_decided_by_name" text;--> statement-breakpoint
ALTER TABLE "change_requests" ADD COLUMN "client_decided_via" text;--> statement-breakpoint
ALTER TABLE "change_requests" ADD COLUMN "client_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "change_requests" ADD COLUMN "client_decision_reason" text;--> statement-breakpoint
ALTER TABLE "change_approval_links" ADD CONSTRAINT "change_approval_links_tenant_id_change_request_id_change_requests_tenant_id_id_fk" FOREIGN KEY ("tenant_id","change_request_id") REFERENCES "public"."change_requests"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_approval_links" ADD CONSTRAINT "change_approval_links_tenant_id_created_by_id_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by_id") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "change_approval_links_token_key" ON "change_approval_links" USING btree ("token_hash");