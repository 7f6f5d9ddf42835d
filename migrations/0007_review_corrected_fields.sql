ALTER TABLE `task_reviews` ADD `corrected_fields` text;--> statement-breakpoint
CREATE INDEX `task_reviews_task` ON `task_reviews` (`task_id`);--> statement-breakpoint
CREATE INDEX `tasks_org_finished` ON `tasks` (`org_id`,`status`,`completed_at`);