CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`rule` text NOT NULL,
	`status` text NOT NULL,
	`detail` text NOT NULL,
	`value` real,
	`opened_at` text NOT NULL,
	`closed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_one_open_per_rule` ON `alerts` (`rule`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `alerts_opened` ON `alerts` (`opened_at`);--> statement-breakpoint
CREATE TABLE `metric_points` (
	`series` text NOT NULL,
	`org_id` text NOT NULL,
	`hour` text NOT NULL,
	`value` real NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`series`, `org_id`, `hour`)
);
--> statement-breakpoint
CREATE INDEX `metric_points_hour` ON `metric_points` (`hour`);