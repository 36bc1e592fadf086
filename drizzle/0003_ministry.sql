CREATE TABLE `ministry_packages` (
	`id` text PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`kind` text NOT NULL,
	`manifest_sha256` text NOT NULL,
	`signer_key` text NOT NULL,
	`seq` integer,
	`origin_seq` integer NOT NULL,
	`origin_hash` text NOT NULL,
	`answers_id` text,
	`dossier_id` text,
	`outcome` text,
	`stars` integer,
	`letter_no` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ministry_packages_origin_idx` ON `ministry_packages` (`direction`,`kind`,`origin_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `ministry_packages_answer_idx` ON `ministry_packages` (`direction`,`answers_id`);--> statement-breakpoint
CREATE INDEX `ministry_packages_seq_idx` ON `ministry_packages` (`seq`);