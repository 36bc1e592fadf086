// The HTTP malformed-input registry's office, council and producer workbenches (not a test
// file); see malformed-http-surfaces.ts. Invalid by construction, as there.
import fc from 'fast-check';
import { COUNCIL_LEVELS, COUNCIL_ROLES } from '../../src/lib/domain/meeting';
import { ORGANIZATION_KINDS, REGISTRATION_KINDS } from '../../src/lib/domain/organization';
import { parseQuorum } from '../../src/lib/domain/quorum';
import { impossibleDate, junkId, junkText } from '../helpers/fuzz';
import type { FuzzFixture } from '../helpers/fuzz-fixture';
import {
	blank,
	choice,
	form,
	free,
	onTarget,
	optional,
	post,
	required,
	someText,
	type HttpCase,
	junkParam,
	type HttpSurfaceFuzz
} from './malformed-http-forms';

export const cut = (s: string, max: number) => s.trim().slice(0, max);
const inRange = (n: number, min: number, max: number) =>
	Number.isInteger(n) && n >= min && n <= max;
/** What `whole()` refuses: not digits only, or out of range. */
const notWhole = (min: number, max: number) => (s: string) =>
	!/^\d+$/.test(cut(s, 20)) || !inRange(Number(cut(s, 20)), min, max);
const badSlot = junkText.filter(notWhole(1, 240));
const year = fc.integer({ min: 2000, max: 2100 }).map(String);
const isoDate = fc.constantFrom('2026-12-31', '2027-01-15');

export function council(): Record<string, ReturnType<typeof required>> {
	return {
		level: choice(COUNCIL_LEVELS, 20),
		name: required(someText),
		authority: required(someText),
		place: required(someText),
		quorum: optional(
			fc.constantFrom('3/4', '2/3', '1/2'),
			junkText.filter((s) => {
				const q = parseQuorum(cut(s, 20) || '3/4');
				return !q || q.num > 1000 || q.den > 1000;
			})
		),
		maxSpread: optional(
			fc.constantFrom('10', '0', '100', '12.5'),
			junkText.filter((s) => {
				const n = Number(cut(s, 10) || '10');
				return !Number.isFinite(n) || n < 0 || n > 100;
			})
		)
	};
}

export function councilActions(f: FuzzFixture, ids: string[]): Record<string, HttpSurfaceFuzz> {
	const at = (action: string, spec: Parameters<typeof onTarget>[2]): HttpSurfaceFuzz => ({
		as: 'secretary',
		expect: 'failure',
		cases: onTarget(`/office/councils/{id}?/${action}`, [f.councilId], spec, ids)
	});
	const role = choice(COUNCIL_ROLES, 20);
	return {
		'action /office/councils ?/create': {
			as: 'secretary',
			expect: 'failure',
			cases: post(fc.constant('/office/councils?/create'), form(council(), true))
		},
		'action /office/councils/[id] ?/settings': at('settings', council()),
		'action /office/councils/[id] ?/addMember': at('addMember', {
			email: required(someText.filter((s) => !s.toLowerCase().includes('@t.vn'))),
			role
		}),
		'action /office/councils/[id] ?/updateMember': at('updateMember', {
			userId: required(junkId(ids)),
			role
		}),
		'action /office/councils/[id] ?/removeMember': at('removeMember', {
			userId: optional(junkId(ids), blank)
		}),
		'action /office/councils/[id] ?/addRound': at('addRound', {
			year: required(
				year,
				junkText.filter((s) => !inRange(Number(cut(s, 4)), 2000, 2100))
			),
			number: required(
				fc.constant('3'),
				junkText.filter((s) => !inRange(Number(cut(s, 2)), 1, 12))
			),
			name: required(someText),
			cutoffDate: required(
				isoDate,
				fc.oneof(
					junkText.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(cut(s, 10))),
					impossibleDate
				)
			)
		}),
		'action /office/councils/[id] ?/addSitting': at('addSitting', {
			roundId: required(fc.constant('r1')),
			title: required(someText),
			date: required(
				isoDate,
				fc.oneof(
					junkText.filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(cut(s, 10))),
					impossibleDate
				)
			),
			time: optional(
				fc.constant('09:30'),
				fc.oneof(
					junkText.filter((s) => !/^\d{2}:\d{2}$/.test(cut(s, 5)) && cut(s, 5) !== ''),
					fc.constantFrom('24:00', '23:60', '99:99')
				)
			)
		})
	};
}

export function officeActions(f: FuzzFixture, ids: string[]): Record<string, HttpSurfaceFuzz> {
	const office = (key: string, cases: fc.Arbitrary<HttpCase>): [string, HttpSurfaceFuzz] => [
		key,
		{ as: 'secretary', expect: 'failure', cases }
	];
	// The open sitting refuses agenda edits and publishing (only a draft takes them).
	const sitting = (action: string, spec: Parameters<typeof onTarget>[2]) =>
		onTarget(`/office/sittings/{id}?/${action}`, [f.sittingId], spec, ids);
	const item = fc.oneof(fc.constantFrom(f.itemId, f.closedItemId), junkId(ids));
	return Object.fromEntries([
		office(
			'action /office/decisions ?/record',
			// No result is locked in the fixture: whatever the form, nothing is eligible.
			post(
				fc.constant('/office/decisions?/record'),
				form(
					{
						number: required(someText),
						decidedOn: required(isoDate, impossibleDate),
						signer: required(someText),
						signerTitle: required(someText),
						seq: free(fc.oneof(fc.nat(5).map(String), junkText))
					},
					false
				)
			)
		),
		office(
			'action /office/dossiers/[id] ?/request',
			onTarget(
				'/office/dossiers/{id}?/request',
				['d1'],
				{ message: optional(someText, blank) },
				ids
			)
		),
		office(
			'action /office/dossiers/[id] ?/ready',
			onTarget('/office/dossiers/{id}?/ready', ['d1', 'd2'], { x: free() }, ids, true)
		),
		office(
			'action /office/results ?/publish',
			post(
				fc.constant('/office/results?/publish'),
				form({ seq: free(fc.oneof(fc.nat(9).map(String), junkText)) }, false)
			)
		),
		// The fixture has no failed mail: every retry is refused and changes nothing.
		office(
			'action /office/mail ?/retry',
			post(
				fc.constant('/office/mail?/retry'),
				form({ id: free(fc.oneof(fc.nat(9).map(String), junkText)) }, false)
			)
		),
		office(
			'action /office/mail ?/retryAll',
			post(fc.constant('/office/mail?/retryAll'), form({ x: free() }, false))
		),
		office(
			'action /office/sittings/[id] ?/add',
			sitting('add', {
				dossierId: required(fc.oneof(fc.constantFrom('d1', 'd2'), junkId(ids))),
				slotMinutes: optional(fc.constant('15'), badSlot)
			})
		),
		office(
			'action /office/sittings/[id] ?/update',
			sitting('update', {
				itemId: required(item),
				slotMinutes: optional(fc.constant('15'), badSlot),
				presenters: free(fc.oneof(fc.constant('u-producer'), junkText))
			})
		),
		office(
			'action /office/sittings/[id] ?/move',
			sitting('move', {
				itemId: required(item),
				dir: free(fc.oneof(fc.constantFrom('up', 'down'), junkText))
			})
		),
		office('action /office/sittings/[id] ?/remove', sitting('remove', { itemId: required(item) })),
		office(
			'action /office/sittings/[id] ?/publish',
			onTarget('/office/sittings/{id}?/publish', [f.sittingId], { x: free() }, ids, true)
		),
		// recordConflict does not look at the sitting: the form itself must be wrong.
		office(
			'action /office/sittings/[id] ?/conflict',
			fc.oneof(
				sitting('conflict', {
					itemId: required(junkId(ids)),
					userId: required(fc.constant('u-m2')),
					reason: required(someText)
				}),
				sitting('conflict', {
					itemId: required(fc.constant(f.itemId)),
					userId: required(junkId(ids)),
					reason: required(someText)
				}),
				sitting('conflict', {
					itemId: required(fc.constant(f.itemId)),
					userId: required(fc.constant('u-m2')),
					reason: required(blank)
				}),
				sitting('conflict', {
					itemId: required(fc.constant(f.closedItemId)),
					userId: required(fc.constant('u-m2')),
					reason: required(someText)
				})
			)
		)
	]);
}

export function producerActions(f: FuzzFixture, ids: string[]): Record<string, HttpSurfaceFuzz> {
	const junk = junkParam(ids);
	// The producer's own dossiers are scheduled: nothing in them may change any more.
	const mine = (action: string, spec: Parameters<typeof onTarget>[2]): HttpSurfaceFuzz => ({
		as: 'producer',
		expect: 'failure',
		cases: onTarget(`/producer/dossiers/{id}?/${action}`, ['d1', 'd2'], spec, ids, true)
	});
	const choices = {
		'c:1.1.1': free(fc.oneof(fc.constantFrom('0', '1'), junkText)),
		'c:A1': free(fc.oneof(fc.constant('0'), junkText))
	};
	return {
		'action /producer/dossiers/[id] ?/save': mine('save', choices),
		'action /producer/dossiers/[id] ?/submit': mine('submit', choices),
		'action /producer/dossiers/[id] ?/version': mine('version', { x: free() }),
		'action /producer/dossiers/[id] ?/answer': mine('answer', { x: free() }),
		'action /producer/dossiers/[id] ?/remove': {
			as: 'producer',
			expect: 'failure',
			cases: post(
				fc.oneof(
					fc.constant('/producer/dossiers/d1?/remove'),
					junk.map((id) => `/producer/dossiers/${id}?/remove`)
				),
				form({ fileId: required(junkId(ids)) }, false)
			)
		},
		'action /producer/products/new ?/default': {
			as: 'producer',
			expect: 'failure',
			cases: post(
				fc.constant('/producer/products/new'),
				form(
					{
						name: required(someText),
						kind: choice(REGISTRATION_KINDS, 20),
						setNo: required(fc.constant('7'), junkText.filter(notWhole(1, 999))),
						sampleCount: required(fc.constant('3'), junkText.filter(notWhole(1, 1000)))
					},
					true
				)
			)
		},
		'action /producer/profile ?/default': {
			as: 'producer',
			expect: 'failure',
			cases: post(
				fc.constant('/producer/profile'),
				form(
					{
						name: required(someText),
						kind: choice(ORGANIZATION_KINDS, 30),
						representative: required(someText),
						province: required(someText),
						commune: required(someText),
						address: free(),
						representativeGender: free(fc.oneof(fc.constant('female'), junkText))
					},
					true
				)
			)
		}
	};
}
