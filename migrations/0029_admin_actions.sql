CREATE TABLE `admin_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`details` text NOT NULL,
	`request_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `admin_actions_created` ON `admin_actions` (`created_at`);--> statement-breakpoint
CREATE INDEX `admin_actions_actor` ON `admin_actions` (`actor_id`,`id`);--> statement-breakpoint
CREATE INDEX `admin_actions_target` ON `admin_actions` (`target_id`,`id`);--> statement-breakpoint
CREATE INDEX `admin_actions_action` ON `admin_actions` (`action`,`id`);