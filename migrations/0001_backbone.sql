CREATE TABLE `breaker_states` (
	`name` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`failures` integer NOT NULL,
	`opened_at` text,
	`last_error` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `email_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`dedupe_key` text NOT NULL,
	`template` text NOT NULL,
	`to` text NOT NULL,
	`from` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`provider` text NOT NULL,
	`provider_id` text,
	`status` text NOT NULL,
	`error` text,
	`opened_at` text,
	`clicked_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_logs_dedupe` ON `email_logs` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `email_logs_provider` ON `email_logs` (`provider_id`);--> statement-breakpoint
CREATE TABLE `event_deliveries` (
	`event_id` text NOT NULL,
	`handler` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`event_id`, `handler`)
);
--> statement-breakpoint
CREATE TABLE `webhook_receipts` (
	`provider` text NOT NULL,
	`message_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`provider`, `message_id`)
);
--> statement-breakpoint
ALTER TABLE `engagement_modules` ADD `last_event_id` text;--> statement-breakpoint
ALTER TABLE `events` ADD `relay_lease_until` text;