CREATE INDEX `credit_entries_created` ON `credit_entries` (`created_at`);--> statement-breakpoint
CREATE INDEX `events_created` ON `events` (`created_at`,`type`);--> statement-breakpoint
CREATE INDEX `payments_paid` ON `payments` (`paid_at`);--> statement-breakpoint
CREATE INDEX `tasks_completed` ON `tasks` (`completed_at`);--> statement-breakpoint
CREATE INDEX `webhook_attempts_created` ON `webhook_attempts` (`created_at`);