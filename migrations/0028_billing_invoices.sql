ALTER TABLE `orgs` ADD `stripe_customer_id` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `provider_invoice_id` text;--> statement-breakpoint
ALTER TABLE `payments` ADD `retry_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_invoice` ON `payments` (`provider_invoice_id`);