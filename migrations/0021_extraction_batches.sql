CREATE TABLE `extraction_batch_rows` (
	`batch_id` text NOT NULL,
	`position` integer NOT NULL,
	`raw` text NOT NULL,
	`url` text,
	`normalized_url` text,
	`site` text,
	`extraction_id` text,
	`status` text NOT NULL,
	`error` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`batch_id`, `position`),
	FOREIGN KEY (`batch_id`) REFERENCES `extraction_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `extraction_batch_rows_status` ON `extraction_batch_rows` (`batch_id`,`status`);--> statement-breakpoint
CREATE INDEX `extraction_batch_rows_extraction` ON `extraction_batch_rows` (`extraction_id`,`status`);--> statement-breakpoint
CREATE TABLE `extraction_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`created_by` text,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`columns` text NOT NULL,
	`url_column` text NOT NULL,
	`counts` text NOT NULL,
	`sites` integer DEFAULT 0 NOT NULL,
	`reused` integer DEFAULT 0 NOT NULL,
	`cancel_requested_at` text,
	`version` integer DEFAULT 0 NOT NULL,
	`last_event_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`completed_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `extraction_batches_org` ON `extraction_batches` (`org_id`,`id`);--> statement-breakpoint
ALTER TABLE `extraction_entities` ADD `verification` text;--> statement-breakpoint
ALTER TABLE `extractions` ADD `batch_id` text;