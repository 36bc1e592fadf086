CREATE TABLE `mail_queue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notification_id` integer NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`ics` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_queue_notification_id_unique` ON `mail_queue` (`notification_id`);--> statement-breakpoint
CREATE INDEX `mail_queue_due_idx` ON `mail_queue` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `certificate_renewals` (
	`product_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seq`) REFERENCES `decision_items`(`seq`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificate_renewals_seq_unique` ON `certificate_renewals` (`seq`);--> statement-breakpoint
CREATE TABLE `certificate_revocations` (
	`seq` integer PRIMARY KEY NOT NULL,
	`ground` text NOT NULL,
	`detail` text NOT NULL,
	`number` text NOT NULL,
	`decided_on` text NOT NULL,
	`signer` text NOT NULL,
	`signer_title` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`seq`) REFERENCES `decision_items`(`seq`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificate_revocations_number_unique` ON `certificate_revocations` (`number`);--> statement-breakpoint
CREATE TABLE `decision_complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`decision_id` text NOT NULL,
	`complainant` text NOT NULL,
	`received_on` text NOT NULL,
	`content` text NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`resolution` text,
	`resolved_on` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `recognition_decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decision_complaints_decision_idx` ON `decision_complaints` (`decision_id`);--> statement-breakpoint
CREATE TABLE `written_outcomes` (
	`item_id` text PRIMARY KEY NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `written_rounds` (
	`sitting_id` text PRIMARY KEY NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`opened_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`sitting_id`) REFERENCES `sittings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
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
CREATE INDEX `ministry_packages_seq_idx` ON `ministry_packages` (`seq`);--> statement-breakpoint
ALTER TABLE `dossiers` ADD `service_case` text;--> statement-breakpoint
ALTER TABLE `meeting_state` ADD `stage_pin_user_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `meeting_state` ADD `stage_pin_kind` text;