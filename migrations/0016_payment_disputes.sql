ALTER TABLE `payments` ADD `dispute_status` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `amount_disputed` integer DEFAULT 0 NOT NULL;