import { eq } from 'drizzle-orm';
import type { Q } from '../db/client';
import { notifications, users } from '../db/schema';
import { sittingIcs } from './ics';
import { notificationText } from './message';

export interface Mail {
	to: string;
	subject: string;
	text: string;
	icalEvent?: { filename: string; method: string; content: string };
}

/**
 * A notification's e-mail, written from its row as the event's transaction sees it. Null when
 * there is nobody to write to (a disabled account).
 */
export function composeMail(db: Q, id: number, origin: string): Mail | null {
	const row = db
		.select({
			userId: notifications.userId,
			kind: notifications.kind,
			params: notifications.params,
			link: notifications.link,
			createdAt: notifications.createdAt,
			email: users.email,
			disabled: users.disabled
		})
		.from(notifications)
		.innerJoin(users, eq(users.id, notifications.userId))
		.where(eq(notifications.id, id))
		.get();
	if (!row || row.disabled) return null;
	const url = origin + row.link;
	// No per-person language is stored: Vietnamese first, English below, as on paper.
	const vi = notificationText(row.kind, row.params, 'vi');
	const en = notificationText(row.kind, row.params, 'en');
	const mail: Mail = {
		to: row.email,
		subject: `${vi.title} / ${en.title}`,
		text: [vi.title, vi.body, `Xem trong ứng dụng: ${url}`, '', '---', '', en.title, en.body]
			.concat([`Open in the app: ${url}`])
			.join('\n')
	};
	if (row.kind === 'sitting-scheduled') {
		const params = row.params;
		mail.icalEvent = {
			filename: 'invite.ics',
			method: 'PUBLISH',
			content: sittingIcs({
				sittingId: String(params.sittingId),
				userId: row.userId,
				title: String(params.title),
				startsAt: Number(params.startsAt),
				minutes: Number(params.minutes) || 60,
				url,
				host: new URL(origin).hostname,
				now: row.createdAt
			})
		};
	}
	return mail;
}
