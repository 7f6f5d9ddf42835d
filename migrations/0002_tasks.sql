CREATE TABLE `task_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`engagement_id` text NOT NULL,
	`confidence` integer,
	`approved` integer NOT NULL,
	`corrected` integer NOT NULL,
	`notes` text,
	`reviewer_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `task_reviews_engagement` ON `task_reviews` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`engagement_id` text NOT NULL,
	`org_id` text NOT NULL,
	`expert_id` text NOT NULL,
	`title` text NOT NULL,
	`module` text NOT NULL,
	`type` text NOT NULL,
	`priority` text NOT NULL,
	`status` text NOT NULL,
	`input` text NOT NULL,
	`output` text,
	`checks` text,
	`ai_confidence` integer,
	`ai_handled` text,
	`model_used` text,
	`error` text,
	`review` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`last_event_id` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`started_at` text,
	`completed_at` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_engagement` ON `tasks` (`engagement_id`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_status` ON `tasks` (`status`,`updated_at`);