CREATE TABLE `credit_accounts` (
	`org_id` text PRIMARY KEY NOT NULL,
	`balance` integer NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "credit_accounts_not_overdrawn" CHECK("credit_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE `credit_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`amount` integer NOT NULL,
	`kind` text NOT NULL,
	`task_id` text,
	`payment_id` text,
	`source_key` text NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_entries_source` ON `credit_entries` (`kind`,`source_key`);--> statement-breakpoint
CREATE INDEX `credit_entries_org` ON `credit_entries` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `credit_entries_task` ON `credit_entries` (`task_id`);--> statement-breakpoint
-- Payments may now be for AI credits (no engagement, no expert): SQLite cannot drop NOT NULL in place,
-- so the table is rebuilt (drizzle-kit listed the new columns in the copy too; corrected by hand).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`purpose` text DEFAULT 'engagement' NOT NULL,
	`engagement_id` text,
	`org_id` text NOT NULL,
	`expert_id` text,
	`credit_pack` text,
	`credits` integer,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`description` text,
	`status` text NOT NULL,
	`provider` text NOT NULL,
	`provider_payment_id` text,
	`client_secret` text,
	`fee_amount` integer,
	`fee_bps` integer,
	`amount_refunded` integer DEFAULT 0 NOT NULL,
	`dispute_status` text,
	`amount_disputed` integer DEFAULT 0 NOT NULL,
	`failure_reason` text,
	`created_by` text,
	`version` integer DEFAULT 0 NOT NULL,
	`last_event_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`paid_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_payments`("id", "engagement_id", "org_id", "expert_id", "amount", "currency", "description", "status", "provider", "provider_payment_id", "client_secret", "fee_amount", "fee_bps", "amount_refunded", "dispute_status", "amount_disputed", "failure_reason", "created_by", "version", "last_event_id", "created_at", "paid_at", "updated_at") SELECT "id", "engagement_id", "org_id", "expert_id", "amount", "currency", "description", "status", "provider", "provider_payment_id", "client_secret", "fee_amount", "fee_bps", "amount_refunded", "dispute_status", "amount_disputed", "failure_reason", "created_by", "version", "last_event_id", "created_at", "paid_at", "updated_at" FROM `payments`;--> statement-breakpoint
DROP TABLE `payments`;--> statement-breakpoint
ALTER TABLE `__new_payments` RENAME TO `payments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_id` ON `payments` (`provider_payment_id`);--> statement-breakpoint
CREATE INDEX `payments_org` ON `payments` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `payments_expert` ON `payments` (`expert_id`,`id`);