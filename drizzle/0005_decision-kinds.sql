PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_certificate_renewals` (
	`product_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seq`) REFERENCES `locked_results`(`seq`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_certificate_renewals`("product_id", "seq", "created_at") SELECT "product_id", "seq", "created_at" FROM `certificate_renewals`;--> statement-breakpoint
DROP TABLE `certificate_renewals`;--> statement-breakpoint
ALTER TABLE `__new_certificate_renewals` RENAME TO `certificate_renewals`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `certificate_renewals_seq_unique` ON `certificate_renewals` (`seq`);--> statement-breakpoint
CREATE TABLE `__new_certificate_revocations` (
	`seq` integer PRIMARY KEY NOT NULL,
	`ground` text NOT NULL,
	`detail` text NOT NULL,
	`number` text NOT NULL,
	`decided_on` text NOT NULL,
	`signer` text NOT NULL,
	`signer_title` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`seq`) REFERENCES `locked_results`(`seq`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_certificate_revocations`("seq", "ground", "detail", "number", "decided_on", "signer", "signer_title", "created_by", "created_at") SELECT "seq", "ground", "detail", "number", "decided_on", "signer", "signer_title", "created_by", "created_at" FROM `certificate_revocations`;--> statement-breakpoint
DROP TABLE `certificate_revocations`;--> statement-breakpoint
ALTER TABLE `__new_certificate_revocations` RENAME TO `certificate_revocations`;--> statement-breakpoint
CREATE UNIQUE INDEX `certificate_revocations_number_unique` ON `certificate_revocations` (`number`);--> statement-breakpoint
CREATE TABLE `__new_decision_items` (
	`seq` integer NOT NULL,
	`decision_id` text NOT NULL,
	`stars` integer NOT NULL,
	`outcome` text NOT NULL,
	`certificate_no` text,
	`expires_on` text,
	PRIMARY KEY(`seq`, `outcome`),
	FOREIGN KEY (`seq`) REFERENCES `locked_results`(`seq`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `recognition_decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_decision_items`("seq", "decision_id", "stars", "outcome", "certificate_no", "expires_on") SELECT "seq", "decision_id", "stars", "outcome", "certificate_no", "expires_on" FROM `decision_items`;--> statement-breakpoint
DROP TABLE `decision_items`;--> statement-breakpoint
ALTER TABLE `__new_decision_items` RENAME TO `decision_items`;--> statement-breakpoint
CREATE UNIQUE INDEX `decision_items_certificate_no_unique` ON `decision_items` (`certificate_no`);--> statement-breakpoint
CREATE INDEX `decision_items_decision_idx` ON `decision_items` (`decision_id`);