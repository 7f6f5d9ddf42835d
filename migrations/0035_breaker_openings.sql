CREATE TABLE `breaker_openings` (
	`name` text NOT NULL,
	`opened_at` text NOT NULL,
	PRIMARY KEY(`name`, `opened_at`)
);
--> statement-breakpoint
CREATE INDEX `breaker_openings_opened` ON `breaker_openings` (`opened_at`);