CREATE TABLE `document_register` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`issuer` text NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`number` integer NOT NULL,
	`symbol` text NOT NULL,
	`subject` text NOT NULL,
	`issued_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_register_number_idx` ON `document_register` (`issuer`,`kind`,`year`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `document_register_subject_idx` ON `document_register` (`subject`);--> statement-breakpoint
CREATE INDEX `document_register_symbol_idx` ON `document_register` (`symbol`);