ALTER TABLE `dossiers` ADD `service_case` text;--> statement-breakpoint
ALTER TABLE `meeting_state` ADD `stage_pin_user_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `meeting_state` ADD `stage_pin_kind` text;