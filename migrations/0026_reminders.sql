CREATE TABLE `reminders_sent` (
	`subject_id` text NOT NULL,
	`kind` text NOT NULL,
	`since` text NOT NULL,
	`event_id` text NOT NULL,
	`sent_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`subject_id`, `kind`, `since`)
);
