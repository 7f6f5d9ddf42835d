ALTER TABLE `extractions` ADD `site` text;--> statement-breakpoint
CREATE INDEX `extractions_site` ON `extractions` (`org_id`,`site`,`id`);