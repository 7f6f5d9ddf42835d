CREATE TABLE `invoice_fingerprints` (
	`task_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`supplier_key` text,
	`invoice_number` text,
	`gross` integer,
	`issue_date` text,
	`file_sha256` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invoice_fingerprints_number` ON `invoice_fingerprints` (`org_id`,`supplier_key`,`invoice_number`);--> statement-breakpoint
CREATE INDEX `invoice_fingerprints_file` ON `invoice_fingerprints` (`org_id`,`file_sha256`);--> statement-breakpoint
CREATE TABLE `supplier_hints` (
	`org_id` text NOT NULL,
	`supplier_key` text NOT NULL,
	`field` text NOT NULL,
	`label` text NOT NULL,
	`position` text NOT NULL,
	`task_id` text NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`org_id`, `supplier_key`, `field`)
);
