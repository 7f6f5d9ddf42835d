CREATE TABLE `billing_periods` (
	`id` text PRIMARY KEY NOT NULL,
	`engagement_id` text NOT NULL,
	`org_id` text NOT NULL,
	`expert_id` text NOT NULL,
	`anchor` text NOT NULL,
	`n` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`interval` text NOT NULL,
	`payment_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_periods_engagement_n` ON `billing_periods` (`engagement_id`,`n`);--> statement-breakpoint
CREATE INDEX `billing_periods_unpaid` ON `billing_periods` (`payment_id`);