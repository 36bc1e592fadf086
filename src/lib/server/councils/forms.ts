import { isCalendarDate, isClockTime } from '../../domain/calendar-date';
import {
	COUNCIL_LEVELS,
	COUNCIL_ROLES,
	type CouncilLevel,
	type CouncilRole
} from '../../domain/meeting';
import { hasControlChars } from '../../domain/plain-text';
import { parseQuorum } from '../../domain/rating';
import { text } from '../form-fields';
import type { CouncilInput } from './council';

export type Parsed<T> = { ok: true; value: T } | { ok: false; key: string };

/** The council form: level, names, and the operating-rule settings (quorum, spread, blind). */
export function councilInputOf(form: FormData): Parsed<CouncilInput> {
	const level = text(form, 'level', 20) as CouncilLevel;
	const name = text(form, 'name', 300);
	const authority = text(form, 'authority', 300);
	const place = text(form, 'place', 100);
	if (!COUNCIL_LEVELS.includes(level) || !name || !authority || !place)
		return { ok: false, key: 'council.errors.required' };
	if ([name, authority, place].some(hasControlChars))
		return { ok: false, key: 'errors.controlChars' };
	const quorum = parseQuorum(text(form, 'quorum', 20) || '3/4');
	if (!quorum || quorum.num > 1000 || quorum.den > 1000)
		return { ok: false, key: 'council.errors.badQuorum' };
	const spread = Number(text(form, 'maxSpread', 10) || '10');
	if (!Number.isFinite(spread) || spread < 0 || spread > 100)
		return { ok: false, key: 'council.errors.badSpread' };
	return {
		ok: true,
		value: {
			level,
			name,
			authority,
			place,
			quorumNum: quorum.num,
			quorumDen: quorum.den,
			maxSpreadHundredths: Math.round(spread * 100),
			blindScoring: form.get('blindScoring') === 'on'
		}
	};
}

export function memberInputOf(
	form: FormData
): Parsed<{ email: string; role: CouncilRole; voting: boolean; title: string }> {
	const email = text(form, 'email', 320).toLowerCase();
	const role = text(form, 'role', 20) as CouncilRole;
	if (!email || !COUNCIL_ROLES.includes(role)) return { ok: false, key: 'council.errors.required' };
	// The member's title is printed beside their name on the council's documents.
	const title = text(form, 'title', 200);
	if (hasControlChars(title)) return { ok: false, key: 'errors.controlChars' };
	return { ok: true, value: { email, role, voting: form.get('voting') === 'on', title } };
}

export function memberUpdateOf(
	form: FormData
): Parsed<{ userId: string; role: CouncilRole; voting: boolean; title: string }> {
	const userId = text(form, 'userId', 64);
	const role = text(form, 'role', 20) as CouncilRole;
	if (!userId || !COUNCIL_ROLES.includes(role))
		return { ok: false, key: 'council.errors.required' };
	const title = text(form, 'title', 200);
	if (hasControlChars(title)) return { ok: false, key: 'errors.controlChars' };
	return { ok: true, value: { userId, role, voting: form.get('voting') === 'on', title } };
}

export function roundInputOf(
	form: FormData
): Parsed<{ year: number; number: number; name: string; cutoffDate: string }> {
	const year = Number(text(form, 'year', 4));
	const number = Number(text(form, 'number', 2));
	const name = text(form, 'name', 200);
	const cutoffDate = text(form, 'cutoffDate', 10);
	if (!name || !isCalendarDate(cutoffDate)) return { ok: false, key: 'council.errors.required' };
	if (hasControlChars(name)) return { ok: false, key: 'errors.controlChars' };
	if (
		!Number.isInteger(year) ||
		year < 2000 ||
		year > 2100 ||
		!Number.isInteger(number) ||
		number < 1 ||
		number > 12
	)
		return { ok: false, key: 'council.errors.badNumber' };
	return { ok: true, value: { year, number, name, cutoffDate } };
}

/** Date and time typed in Việt Nam's local time (UTC+7) become an instant. */
export function sittingInputOf(
	form: FormData
): Parsed<{ roundId: string; title: string; startsAt: number; place: string | null }> {
	const roundId = text(form, 'roundId', 100);
	const title = text(form, 'title', 300);
	const place = text(form, 'place', 200);
	const date = text(form, 'date', 10);
	const time = text(form, 'time', 5) || '08:00';
	if (!roundId || !title) return { ok: false, key: 'council.errors.required' };
	if (hasControlChars(title) || hasControlChars(place))
		return { ok: false, key: 'errors.controlChars' };
	if (!isCalendarDate(date) || !isClockTime(time))
		return { ok: false, key: 'council.errors.badDate' };
	const startsAt = Date.parse(`${date}T${time}:00+07:00`);
	if (Number.isNaN(startsAt)) return { ok: false, key: 'council.errors.badDate' };
	return { ok: true, value: { roundId, title, startsAt, place: place || null } };
}
