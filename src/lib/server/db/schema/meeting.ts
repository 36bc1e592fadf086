import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './core';
import { agendaItems, sittings } from './councils';

/**
 * What a sitting's live control must keep across a server restart besides the item states
 * (those live in agenda_items): the presentation timer and the dossier viewer's page.
 */
export const meetingState = sqliteTable('meeting_state', {
	sittingId: text('sitting_id')
		.primaryKey()
		.references(() => sittings.id, { onDelete: 'cascade' }),
	timerItemId: text('timer_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
	/** Set while the timer runs; elapsed = timerElapsedMs + (now − timerStartedAt). */
	timerStartedAt: integer('timer_started_at'),
	timerElapsedMs: integer('timer_elapsed_ms').notNull().default(0),
	viewerItemId: text('viewer_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
	viewerFileId: text('viewer_file_id'),
	viewerPage: integer('viewer_page').notNull().default(1),
	/** The participant the chair put on everyone's stage (a user id), and which of their tracks. */
	stagePinUserId: text('stage_pin_user_id').references(() => users.id, { onDelete: 'set null' }),
	stagePinKind: text('stage_pin_kind', { enum: ['camera', 'screen'] }),
	updatedAt: integer('updated_at').notNull()
});

/** The sitting's chat, kept with its record. */
export const meetingChat = sqliteTable(
	'meeting_chat',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		sittingId: text('sitting_id')
			.notNull()
			.references(() => sittings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		text: text('text').notNull(),
		at: integer('at').notNull()
	},
	(t) => [index('meeting_chat_sitting_idx').on(t.sittingId, t.id)]
);

/** Raised hands: the list of speakers, first raised first. */
export const meetingHands = sqliteTable(
	'meeting_hands',
	{
		sittingId: text('sitting_id')
			.notNull()
			.references(() => sittings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		raisedAt: integer('raised_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.sittingId, t.userId] })]
);

/**
 * Who is present, through the control socket or the video room (a LiveKit webhook). Present
 * means either flag is set; the row stays after leaving so the record shows the first arrival.
 */
export const meetingAttendance = sqliteTable(
	'meeting_attendance',
	{
		sittingId: text('sitting_id')
			.notNull()
			.references(() => sittings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		viaSocket: integer('via_socket', { mode: 'boolean' }).notNull().default(false),
		viaVideo: integer('via_video', { mode: 'boolean' }).notNull().default(false),
		firstSeenAt: integer('first_seen_at').notNull(),
		changedAt: integer('changed_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.sittingId, t.userId] })]
);
