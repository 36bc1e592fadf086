CREATE TABLE `certificate_replacements` (
	`seq` integer PRIMARY KEY NOT NULL,
	`by_seq` integer NOT NULL,
	`replaced_on` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`seq`) REFERENCES `locked_results`(`seq`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_seq`) REFERENCES `locked_results`(`seq`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `certificate_replacements_by_idx` ON `certificate_replacements` (`by_seq`);