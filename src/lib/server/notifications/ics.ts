/**
 * An iCalendar invitation (RFC 5545) for one sitting, written here rather than with a library:
 * it is one VEVENT, and the two rules that trip calendars up (escaping and folding) are tested.
 */
export interface SittingEvent {
	sittingId: string;
	userId: string;
	title: string;
	startsAt: number;
	minutes: number;
	/** Absolute URL of the sitting's page. */
	url: string;
	/** Host name that makes the UID globally unique. */
	host: string;
	now: number;
}

/** TEXT values: backslash, comma, semicolon and newlines are escaped (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Lines longer than 75 octets continue on the next line after CRLF and one space (§3.1); the cut
 * never falls inside a UTF-8 character, so Vietnamese titles stay readable in every client.
 */
export function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const ch of line) {
		const size = Buffer.byteLength(ch, 'utf8');
		const limit = parts.length === 0 ? 75 : 74;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += ch;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

export function utcStamp(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

export function sittingIcs(e: SittingEvent): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//OCOP//Hoi dong OCOP//VI',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		// Stable per sitting and person: a second copy updates the calendar entry, not a new one.
		`UID:sitting-${e.sittingId}-${e.userId}@${e.host}`,
		`DTSTAMP:${utcStamp(e.now)}`,
		`DTSTART:${utcStamp(e.startsAt)}`,
		`DTEND:${utcStamp(e.startsAt + e.minutes * 60_000)}`,
		`SUMMARY:${escapeText(e.title)}`,
		`LOCATION:${escapeText(e.url)}`,
		`URL:${e.url}`,
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
