import {
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import {
	COUNCIL_LEVELS,
	COUNCIL_ROLES,
	ITEM_STATES,
	SITTING_STATES
} from '../../../domain/meeting';
import { users } from './core';
import { dossiers } from './dossiers';

/** Hội đồng đánh giá, phân hạng: its settings come from its own operating rules. */
export const councils = sqliteTable('councils', {
	id: text('id').primaryKey(),
	level: text('level', { enum: COUNCIL_LEVELS }).notNull(),
	name: text('name').notNull(),
	/** The deciding authority, e.g. "UBND thành phố Đà Nẵng". */
	authority: text('authority').notNull(),
	/** Place name used in documents, e.g. "Đà Nẵng". */
	place: text('place').notNull(),
	quorumNum: integer('quorum_num').notNull().default(3),
	quorumDen: integer('quorum_den').notNull().default(4),
	/** Maximum spread in hundredths of a point (1000 = 10 points). */
	maxSpreadHundredths: integer('max_spread_hundredths').notNull().default(1000),
	blindScoring: integer('blind_scoring', { mode: 'boolean' }).notNull().default(true),
	/** Whether member names appear on published cards (otherwise "Thành viên 1, 2, …"). */
	publishMemberNames: integer('publish_member_names', { mode: 'boolean' }).notNull().default(false),
	createdAt: integer('created_at').notNull()
});

export const councilMembers = sqliteTable(
	'council_members',
	{
		councilId: text('council_id')
			.notNull()
			.references(() => councils.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		role: text('role', { enum: COUNCIL_ROLES }).notNull(),
		/** Counts for quorum and scores. A secretary is usually non-voting. */
		voting: integer('voting', { mode: 'boolean' }).notNull().default(true),
		/** Title shown in documents, e.g. "Phó Giám đốc Sở Công Thương". */
		title: text('title')
	},
	(t) => [primaryKey({ columns: [t.councilId, t.userId] })]
);

/** Đợt đánh giá. */
export const rounds = sqliteTable('rounds', {
	id: text('id').primaryKey(),
	councilId: text('council_id')
		.notNull()
		.references(() => councils.id),
	year: integer('year').notNull(),
	number: integer('number').notNull(),
	name: text('name').notNull(),
	/** ISO date (YYYY-MM-DD) after which no dossier joins this round. */
	cutoffDate: text('cutoff_date').notNull(),
	createdAt: integer('created_at').notNull()
});

/** Phiên họp. */
export const sittings = sqliteTable('sittings', {
	id: text('id').primaryKey(),
	councilId: text('council_id')
		.notNull()
		.references(() => councils.id),
	roundId: text('round_id')
		.notNull()
		.references(() => rounds.id),
	title: text('title').notNull(),
	startsAt: integer('starts_at').notNull(),
	/**
	 * The main venue (điểm cầu chính) where the chair and the secretary sit, as the minutes name
	 * it (Nghị định 30/2020: the minutes state the place); null for a sitting held wholly online.
	 */
	place: text('place'),
	state: text('state', { enum: SITTING_STATES }).notNull().default('draft'),
	agendaPublishedAt: integer('agenda_published_at'),
	openedAt: integer('opened_at'),
	closedAt: integer('closed_at'),
	createdAt: integer('created_at').notNull()
});

/** One product on a sitting's agenda. */
export const agendaItems = sqliteTable(
	'agenda_items',
	{
		id: text('id').primaryKey(),
		sittingId: text('sitting_id')
			.notNull()
			.references(() => sittings.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		dossierId: text('dossier_id')
			.notNull()
			.references(() => dossiers.id),
		slotMinutes: integer('slot_minutes').notNull().default(15),
		/** User ids of the producer's presenters. */
		presenters: text('presenters', { mode: 'json' }).$type<string[]>().notNull().default([]),
		state: text('state', { enum: ITEM_STATES }).notNull().default('pending'),
		/** Scoring round (lần chấm); a re-score after the spread rule starts the next one. */
		scoringRound: integer('scoring_round').notNull().default(1),
		stateChangedAt: integer('state_changed_at'),
		closedAt: integer('closed_at')
	},
	(t) => [
		index('agenda_sitting_idx').on(t.sittingId, t.position),
		uniqueIndex('agenda_dossier_sitting_unique').on(t.sittingId, t.dossierId)
	]
);

/** Xung đột lợi ích: the member does not score this item and cannot read its cards. */
export const conflicts = sqliteTable(
	'conflicts',
	{
		itemId: text('item_id')
			.notNull()
			.references(() => agendaItems.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		reason: text('reason').notNull(),
		declaredBy: text('declared_by')
			.notNull()
			.references(() => users.id),
		at: integer('at').notNull()
	},
	(t) => [primaryKey({ columns: [t.itemId, t.userId] })]
);
