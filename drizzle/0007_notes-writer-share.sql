CREATE TABLE `yjs_writer_bytes` (
	`doc` text NOT NULL,
	`user_id` text NOT NULL,
	`bytes` integer NOT NULL,
	PRIMARY KEY(`doc`, `user_id`)
);
