CREATE TABLE `document_counters` (
	`series` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`series` text NOT NULL,
	`sequence` integer NOT NULL,
	`number` text NOT NULL,
	`org_id` text,
	`expert_id` text,
	`engagement_id` text,
	`payment_id` text,
	`payout_id` text,
	`status` text NOT NULL,
	`content` text NOT NULL,
	`currency` text,
	`total` integer,
	`r2_key` text NOT NULL,
	`size` integer,
	`sha256` text,
	`issued_at` text NOT NULL,
	`last_event_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_source` ON `documents` (`kind`,`source_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_number` ON `documents` (`series`,`sequence`);--> statement-breakpoint
CREATE INDEX `documents_org` ON `documents` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `documents_expert` ON `documents` (`expert_id`,`id`);--> statement-breakpoint
CREATE INDEX `documents_engagement` ON `documents` (`engagement_id`);--> statement-breakpoint
ALTER TABLE `experts` ADD `legal_name` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `address_line1` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `address_line2` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `postcode` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `city` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `country_code` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `vat_id` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `tax_number` text;--> statement-breakpoint
ALTER TABLE `experts` ADD `small_business` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `orgs` ADD `legal_name` text;--> statement-breakpoint
ALTER TABLE `orgs` ADD `address_line1` text;--> statement-breakpoint
ALTER TABLE `orgs` ADD `address_line2` text;--> statement-breakpoint
ALTER TABLE `orgs` ADD `postcode` text;--> statement-breakpoint
ALTER TABLE `orgs` ADD `city` text;--> statement-breakpoint
ALTER TABLE `orgs` ADD `country_code` text;--> statement-breakpoint
ALTER TABLE `orgs` ADD `vat_id` text;