CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`subject` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_key_idx` ON `login_attempts` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`absolute_expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`organization_id` text,
	`commune_code` text,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `commune_reviews` (
	`dossier_id` text PRIMARY KEY NOT NULL,
	`raw_material` text NOT NULL,
	`labour` text NOT NULL,
	`idea_origin` text NOT NULL,
	`identity` text NOT NULL,
	`proposal` text NOT NULL,
	`decision` text,
	`reviewer_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `document_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`message` text NOT NULL,
	`requested_by` text,
	`created_at` integer NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_requests_dossier_idx` ON `document_requests` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `dossier_files` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`kind` text NOT NULL,
	`leaf_code` text,
	`stored_name` text NOT NULL,
	`original_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dossier_files_dossier_idx` ON `dossier_files` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `dossiers` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`registration_kind` text NOT NULL,
	`sample_count` integer DEFAULT 1 NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`commune` text,
	`submitted_at` integer,
	`return_reason` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dossiers_product_idx` ON `dossiers` (`product_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`registration_no` text,
	`representative` text,
	`representative_gender` text,
	`representative_ethnicity` text,
	`address` text,
	`province` text,
	`commune` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`rubric_version` text NOT NULL,
	`product_set_no` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `self_assessments` (
	`dossier_id` text NOT NULL,
	`leaf_code` text NOT NULL,
	`choice` integer NOT NULL,
	PRIMARY KEY(`dossier_id`, `leaf_code`),
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `agenda_items` (
	`id` text PRIMARY KEY NOT NULL,
	`sitting_id` text NOT NULL,
	`position` integer NOT NULL,
	`dossier_id` text NOT NULL,
	`slot_minutes` integer DEFAULT 15 NOT NULL,
	`presenters` text DEFAULT '[]' NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`scoring_round` integer DEFAULT 1 NOT NULL,
	`state_changed_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`sitting_id`) REFERENCES `sittings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agenda_sitting_idx` ON `agenda_items` (`sitting_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `agenda_dossier_sitting_unique` ON `agenda_items` (`sitting_id`,`dossier_id`);--> statement-breakpoint
CREATE TABLE `conflicts` (
	`item_id` text NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`declared_by` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`item_id`, `user_id`),
	FOREIGN KEY (`item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`declared_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `council_members` (
	`council_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`voting` integer DEFAULT true NOT NULL,
	`title` text,
	PRIMARY KEY(`council_id`, `user_id`),
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `councils` (
	`id` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`authority` text NOT NULL,
	`place` text NOT NULL,
	`quorum_num` integer DEFAULT 3 NOT NULL,
	`quorum_den` integer DEFAULT 4 NOT NULL,
	`max_spread_hundredths` integer DEFAULT 1000 NOT NULL,
	`blind_scoring` integer DEFAULT true NOT NULL,
	`publish_member_names` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`council_id` text NOT NULL,
	`year` integer NOT NULL,
	`number` integer NOT NULL,
	`name` text NOT NULL,
	`cutoff_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sittings` (
	`id` text PRIMARY KEY NOT NULL,
	`council_id` text NOT NULL,
	`round_id` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`agenda_published_at` integer,
	`opened_at` integer,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `locked_results` (
	`seq` integer PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`record` text NOT NULL,
	`stars` integer,
	`average_hundredths` integer,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`closed_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `locked_results_item_id_unique` ON `locked_results` (`item_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `locked_results_hash_unique` ON `locked_results` (`hash`);--> statement-breakpoint
CREATE TABLE `result_publications` (
	`seq` integer PRIMARY KEY NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text NOT NULL,
	FOREIGN KEY (`seq`) REFERENCES `locked_results`(`seq`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `decision_items` (
	`seq` integer PRIMARY KEY NOT NULL,
	`decision_id` text NOT NULL,
	`stars` integer NOT NULL,
	`outcome` text NOT NULL,
	`certificate_no` text,
	`expires_on` text,
	FOREIGN KEY (`seq`) REFERENCES `locked_results`(`seq`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `recognition_decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decision_items_certificate_no_unique` ON `decision_items` (`certificate_no`);--> statement-breakpoint
CREATE INDEX `decision_items_decision_idx` ON `decision_items` (`decision_id`);--> statement-breakpoint
CREATE TABLE `recognition_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`council_id` text NOT NULL,
	`number` text NOT NULL,
	`decided_on` text NOT NULL,
	`signer` text NOT NULL,
	`signer_title` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recognition_decisions_number_unique` ON `recognition_decisions` (`number`);--> statement-breakpoint
CREATE TABLE `scorecards` (
	`item_id` text NOT NULL,
	`user_id` text NOT NULL,
	`round` integer NOT NULL,
	`choices` text NOT NULL,
	`submitted_at` integer NOT NULL,
	PRIMARY KEY(`item_id`, `user_id`, `round`),
	FOREIGN KEY (`item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `yjs_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc` text NOT NULL,
	`update` blob NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `yjs_updates_doc_idx` ON `yjs_updates` (`doc`,`id`);--> statement-breakpoint
CREATE TABLE `meeting_attendance` (
	`sitting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`via_socket` integer DEFAULT false NOT NULL,
	`via_video` integer DEFAULT false NOT NULL,
	`first_seen_at` integer NOT NULL,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`sitting_id`, `user_id`),
	FOREIGN KEY (`sitting_id`) REFERENCES `sittings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_chat` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sitting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`text` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`sitting_id`) REFERENCES `sittings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_chat_sitting_idx` ON `meeting_chat` (`sitting_id`,`id`);--> statement-breakpoint
CREATE TABLE `meeting_hands` (
	`sitting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`raised_at` integer NOT NULL,
	PRIMARY KEY(`sitting_id`, `user_id`),
	FOREIGN KEY (`sitting_id`) REFERENCES `sittings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `meeting_state` (
	`sitting_id` text PRIMARY KEY NOT NULL,
	`timer_item_id` text,
	`timer_started_at` integer,
	`timer_elapsed_ms` integer DEFAULT 0 NOT NULL,
	`viewer_item_id` text,
	`viewer_file_id` text,
	`viewer_page` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`sitting_id`) REFERENCES `sittings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`timer_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`viewer_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE set null
);
