CREATE TABLE `mcp_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_used_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mcp_sessions_last_used` ON `mcp_sessions` (`last_used_at`);--> statement-breakpoint
CREATE TABLE `mcp_subscriptions` (
	`session_id` text NOT NULL,
	`uri` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`session_id`, `uri`)
);
--> statement-breakpoint
CREATE INDEX `mcp_subscriptions_uri` ON `mcp_subscriptions` (`uri`);