// Refusal parity against the built server (BUILD_DIR=… after `vite build`): on every surface
// that names a file, dossier, minutes, score sheet or report by id, each role the authorisation
// registry refuses gets, for the id that exists, the very answer it gets for an id that does not
// (src/lib/server/not-found.ts): same status, type, Location and body bytes. The matrix's world
// and registry are reused, so who is refused and with what is said in one place.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../helpers/app-process';
import { useBuiltApp } from '../helpers/app-server';
import { allSurfaceKeys } from '../helpers/surfaces';
import { seedMatrixFixture, type MatrixFixture } from './authz/fixture';
import { casesOf, DEFAULT_STATE } from './authz/matrix';
import { isDenial, outcomeOf, ROLES } from './authz/outcomes';
import { httpProbe, requestOf, type Probe } from './authz/probes';
import type { Form, HttpCase } from './authz/registry-types';

interface Twin {
	key: string;
	/** The registry variant whose request is twinned (all variants when absent). */
	label?: string;
	/** What replaces the existing id in the same request. */
	params?: Record<string, string | number>;
	form?: Form;
}

const NO_SEQ = 9999;
const TWINS: Twin[] = [
	{ key: 'endpoint GET /files/[id]', params: { id: 'f-missing' } },
	{ key: 'endpoint POST /files/upload', form: { dossierId: 'd-missing' } },
	{ key: 'page /dossiers/[id]', params: { id: 'd-missing' } },
	// Held: its readers get the minutes, anyone else the missing sitting's answer. (Under way,
	// the council's own are told it has not ended: minutes-not-held.test.ts.)
	{
		key: 'endpoint GET /documents/minutes/[sittingId]',
		label: 'held',
		params: { sittingId: 's-missing' }
	},
	{ key: 'endpoint GET /documents/sheet/[seq]/[member]', params: { seq: NO_SEQ } },
	{ key: 'endpoint GET /documents/forms/[dossierId]/[form]', params: { dossierId: 'd-missing' } },
	...['published', 'locked, not published'].map((label) => ({
		key: 'endpoint GET /documents/notice/[seq]',
		label,
		params: { seq: NO_SEQ }
	})),
	{ key: 'endpoint GET /documents/sheet/[seq]/[member]', params: { member: 'u-missing' } },
	...[
		'endpoint GET /documents/report/[seq]',
		'endpoint GET /results/[seq]/report.pdf',
		'endpoint GET /results/[seq]/certificate.pdf',
		'endpoint GET /results/[seq]/bundle.json',
		'page /results/[seq]'
	].map((key) => ({ key, label: 'locked, not published', params: { seq: NO_SEQ } })),
	{ key: 'endpoint GET /office/results/[seq]/bundle.json', params: { seq: NO_SEQ } },
	{ key: 'page /office/results/[seq]', params: { seq: NO_SEQ } },
	{ key: 'page /sittings/[id]/items/[itemId]/score', params: { itemId: 'i-missing' } },
	{ key: 'page /sittings/[id]/items/[itemId]/board', params: { itemId: 'i-missing' } },
	{ key: 'page /sittings/[id]/items/[itemId]/score', params: { id: 's-missing' } },
	{ key: 'page /sittings/[id]', params: { id: 's-missing' } },
	{ key: 'endpoint GET /sittings/[id]/invite.ics', params: { id: 's-missing' } },
	// A producer's draft is hidden from the office and the commune: an action on it answers as on
	// a missing dossier, never with the files it lacks or the state it is in.
	...[
		'action /office/dossiers/[id] ?/request',
		'action /office/dossiers/[id] ?/ready',
		'action /commune/dossiers/[id] ?/default'
	].map((key) => ({ key, label: 'draft', params: { id: 'd-missing' } }))
];

/**
 * Surfaces that must have a twin: any page or endpoint of these trees, any result by seq, and
 * the live sitting's pages (a sitting, an item's score and board).
 */
const NAMES_BY_ID =
	/^(page|endpoint \w+) \/(files|documents|dossiers|(office\/)?results\/\[seq\]|sittings\/)/;

const name = (t: Twin) =>
	`${t.key}${t.label ? ` [${t.label}]` : ''} → ${JSON.stringify(t.params ?? t.form)}`;

function casesOfTwin(t: Twin): HttpCase[] {
	return casesOf(t.key).filter(
		(c): c is HttpCase => c.kind === 'http' && (!t.label || c.label === t.label)
	);
}

/**
 * A form action is asked both ways it answers: posted by a browser without JavaScript (the page
 * rendered again, whose load may refuse on its own) and by an enhanced form (the action's own
 * JSON, where a refusal of the action itself shows).
 */
const asked = (key: string, c: HttpCase): HttpCase[] =>
	key.startsWith('action ') ? [false, true].map((json) => ({ ...c, json })) : [c];

/**
 * A rendered page carries the per-request CSP nonce and echoes its own path (the language
 * switch returns to it): both are masked, nothing else. Endpoints are compared byte for byte.
 */
function answer(p: Probe, path: string, page: boolean) {
	const unpath = (s: string) =>
		s.replaceAll(encodeURIComponent(path), '{path}').replaceAll(path, '{path}');
	return {
		status: p.head?.status,
		type: p.head?.type,
		location: unpath(p.head?.location ?? ''),
		body: page ? unpath(p.text).replace(/nonce="[^"]*"/g, 'nonce="{nonce}"') : p.text
	};
}

describe('a refusal answers as for an id that does not exist', () => {
	it('every surface that names a file, dossier, document or result by id has a twin', () => {
		const covered = new Set(TWINS.map((t) => t.key));
		const missing = allSurfaceKeys().filter((k) => NAMES_BY_ID.test(k) && !covered.has(k));
		expect(missing).toEqual([]);
		expect(TWINS.filter((t) => casesOfTwin(t).length === 0).map(name)).toEqual([]);
	});

	const built = useBuiltApp({
		seed: (db, dir) => seedMatrixFixture(db, join(dir, 'uploads'), Date.now())
	});
	let app: AppProcess;
	let world: MatrixFixture;
	let compared = 0;

	beforeAll(() => {
		({ app, seeded: world } = built);
	});

	afterAll(async () => {
		console.log(`refusal parity: ${compared} refusals compared with their missing twin`);
	});

	/** Each refused role's answer to the real request against the twin's; problems found. */
	async function compare(
		twin: Twin,
		c: HttpCase
	): Promise<{ refused: number; problems: string[] }> {
		const ghost: HttpCase = {
			...c,
			params: { ...c.params, ...twin.params },
			form: c.form && { ...c.form, ...twin.form }
		};
		// A form action posted without JavaScript is answered with its page rendered, as a page is.
		const page = /^(page|action) /.test(twin.key);
		// The probes keep bytes as latin1; a difference is shown as the text it is.
		const shown = (v: unknown) => Buffer.from(String(v), 'latin1').toString('utf8').slice(0, 80);
		const problems: string[] = [];
		let refused = 0;
		for (const role of ROLES) {
			const expected = outcomeOf(c.expect[role], DEFAULT_STATE);
			if (!isDenial(expected)) continue;
			refused++;
			const cookie = world.cookies[role];
			const real = await httpProbe(app.url, twin.key, c, cookie);
			const none = await httpProbe(app.url, twin.key, ghost, cookie);
			const where = `${c.label ? `[${c.label}] ` : ''}${c.json ? '(json) ' : ''}${role}`;
			if (real.outcome !== expected)
				problems.push(`${where}: got ${real.outcome}, not ${expected}`);
			const a = answer(real, requestOf(twin.key, c.params).path, page);
			const b = answer(none, requestOf(twin.key, ghost.params).path, page);
			for (const part of ['status', 'type', 'location', 'body'] as const)
				if (a[part] !== b[part])
					problems.push(`${where}: ${part} differs (${shown(a[part])} ≠ ${shown(b[part])})`);
		}
		return { refused, problems };
	}

	for (const twin of TWINS)
		it(
			name(twin),
			async () => {
				let refused = 0;
				const problems: string[] = [];
				for (const c of casesOfTwin(twin).flatMap((c) => asked(twin.key, c))) {
					const found = await compare(twin, c);
					refused += found.refused;
					problems.push(...found.problems);
				}
				compared += refused;
				expect(problems).toEqual([]);
				// A twin that refuses nobody would compare nothing.
				expect(refused).toBeGreaterThan(0);
			},
			60_000
		);
});
