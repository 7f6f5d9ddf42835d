CREATE TABLE `email_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`template` text NOT NULL,
	`cause` text NOT NULL,
	`subject` text NOT NULL,
	`total` integer NOT NULL,
	`chunks` integer NOT NULL,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`completed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_jobs_cause` ON `email_jobs` (`cause`);--> statement-breakpoint
ALTER TABLE `email_logs` ADD `job_id` text;--> statement-breakpoint
ALTER TABLE `email_logs` ADD `job_chunk` integer;--> statement-breakpoint
CREATE INDEX `email_logs_job` ON `email_logs` (`job_id`,`job_chunk`,`status`);