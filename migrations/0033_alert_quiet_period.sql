ALTER TABLE `alerts` ADD `clear_since` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `last_event_id` text;