ALTER TABLE `billing_periods` ADD `ended_on` text;--> statement-breakpoint
ALTER TABLE `billing_periods` ADD `prorated_amount` integer;--> statement-breakpoint
ALTER TABLE `billing_periods` ADD `proration_applied_at` text;