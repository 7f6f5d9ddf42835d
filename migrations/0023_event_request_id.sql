ALTER TABLE `events` ADD `request_id` text;--> statement-breakpoint
CREATE INDEX `events_request` ON `events` (`request_id`);