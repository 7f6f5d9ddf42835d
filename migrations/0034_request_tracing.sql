CREATE TABLE `traced_requests` (
	`request_id` text PRIMARY KEY NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`status` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`user_id` text,
	`started_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `email_logs` ADD `request_id` text;--> statement-breakpoint
CREATE INDEX `email_logs_request` ON `email_logs` (`request_id`);--> statement-breakpoint
ALTER TABLE `event_deliveries` ADD `duration_ms` integer;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `request_id` text;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_request` ON `webhook_deliveries` (`request_id`);--> statement-breakpoint
CREATE INDEX `admin_actions_request` ON `admin_actions` (`request_id`);