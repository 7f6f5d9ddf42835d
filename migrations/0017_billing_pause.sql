ALTER TABLE `engagements` ADD `billing_paused_at` text;--> statement-breakpoint
ALTER TABLE `billing_periods` ADD `skipped` integer DEFAULT false NOT NULL;