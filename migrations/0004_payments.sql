CREATE TABLE `embedded_transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`destination` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`transfer_group` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `embedded_transfers_idempotency_key_unique` ON `embedded_transfers` (`idempotency_key`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`expert_id` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`kind` text NOT NULL,
	`payment_id` text,
	`payout_id` text,
	`source_key` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_source` ON `ledger_entries` (`kind`,`source_key`);--> statement-breakpoint
CREATE INDEX `ledger_entries_open` ON `ledger_entries` (`expert_id`,`currency`,`payout_id`);--> statement-breakpoint
CREATE INDEX `ledger_entries_payout` ON `ledger_entries` (`payout_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`engagement_id` text NOT NULL,
	`org_id` text NOT NULL,
	`expert_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`description` text,
	`status` text NOT NULL,
	`provider` text NOT NULL,
	`provider_payment_id` text,
	`client_secret` text,
	`fee_amount` integer,
	`amount_refunded` integer DEFAULT 0 NOT NULL,
	`failure_reason` text,
	`created_by` text,
	`version` integer DEFAULT 0 NOT NULL,
	`last_event_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`paid_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_id` ON `payments` (`provider_payment_id`);--> statement-breakpoint
CREATE INDEX `payments_org` ON `payments` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `payments_expert` ON `payments` (`expert_id`,`id`);--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`expert_id` text NOT NULL,
	`currency` text NOT NULL,
	`week` text NOT NULL,
	`amount` integer NOT NULL,
	`status` text NOT NULL,
	`transfer_id` text,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`last_event_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`processed_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_expert_week` ON `payouts` (`expert_id`,`currency`,`week`);--> statement-breakpoint
CREATE INDEX `payouts_status` ON `payouts` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `payouts_week` ON `payouts` (`week`,`id`);--> statement-breakpoint
CREATE TABLE `provider_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`received_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
