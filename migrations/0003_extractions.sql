CREATE TABLE `extraction_entities` (
	`id` text PRIMARY KEY NOT NULL,
	`extraction_id` text NOT NULL,
	`type` text NOT NULL,
	`value` text NOT NULL,
	`confidence` integer NOT NULL,
	`source_url` text NOT NULL,
	`role` text,
	`position` integer NOT NULL,
	FOREIGN KEY (`extraction_id`) REFERENCES `extractions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `extraction_entities_extraction` ON `extraction_entities` (`extraction_id`,`position`);--> statement-breakpoint
CREATE TABLE `extraction_pages` (
	`id` text PRIMARY KEY NOT NULL,
	`extraction_id` text NOT NULL,
	`url` text NOT NULL,
	`page_type` text NOT NULL,
	`status_code` integer,
	`fetch_ms` integer NOT NULL,
	`bytes` integer,
	`r2_key` text,
	`error` text,
	`position` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`extraction_id`) REFERENCES `extractions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `extraction_pages_url` ON `extraction_pages` (`extraction_id`,`url`);--> statement-breakpoint
CREATE TABLE `extractions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_by` text,
	`url` text NOT NULL,
	`normalized_url` text NOT NULL,
	`status` text NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`confidence` integer,
	`error` text,
	`task_id` text,
	`engagement_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`last_event_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`started_at` text,
	`completed_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `extractions_org` ON `extractions` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `extractions_reuse` ON `extractions` (`org_id`,`normalized_url`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `extractions_task` ON `extractions` (`task_id`);--> statement-breakpoint
CREATE INDEX `extractions_status` ON `extractions` (`status`,`updated_at`);