CREATE TABLE `payout_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`trigger` text NOT NULL,
	`week` text,
	`result` text NOT NULL,
	`statements` integer NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payout_runs_started` ON `payout_runs` (`started_at`);