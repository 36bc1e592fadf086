// The HTTP malformed-input registry (not a test file): for every form action and endpoint that
// tests/helpers/surfaces.ts discovers, who fuzzes it and how its invalid input is generated.
// Invalid by construction: a real target always comes with a broken form (or sits in a state
// that refuses the action), and a junk target matches nothing. The test fails on any success.
import fc from 'fast-check';
import { ACCOUNT_ROLES } from '../../src/lib/domain/accounts';
import { passwordProblem } from '../../src/lib/server/auth/password';
import { FILE_KINDS } from '../../src/lib/server/db/schema';
import { junkId, junkText } from '../helpers/fuzz';
import type { FuzzFixture } from '../helpers/fuzz-fixture';
import {
	blank,
	choice,
	enc,
	filePart,
	form,
	free,
	junkParam,
	onTarget,
	optional,
	post,
	required,
	someText,
	text,
	type Field,
	type HttpCase,
	type HttpSurfaceFuzz
} from './malformed-http-forms';
import { councilActions, officeActions, producerActions } from './malformed-http-workbench';
import { certificateActions } from './malformed-http-certificates';

/** A password `email`'s owner could not set: too short, too long, or containing the name. */
const weakPassword = (email: string) =>
	fc
		.oneof(junkText, fc.string({ maxLength: 9 }), fc.constant(email.split('@')[0] + 'xxxxxxxxxx'))
		.filter((p) => passwordProblem(p, email) !== null);
const strongPassword = (email: string) =>
	fc.string({ minLength: 10, maxLength: 40 }).filter((p) => passwordProblem(p, email) === null);

function get(paths: fc.Arbitrary<string>): fc.Arbitrary<HttpCase> {
	const query = fc.array(fc.tuple(junkText, junkText), { maxLength: 3 });
	return fc.tuple(paths, query).map(([path, q]) => ({
		method: 'GET' as const,
		path: q.length
			? `${path}?${q.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`.slice(0, 3000)
			: path,
		fields: []
	}));
}

/** Every discovered action and endpoint, keyed like tests/helpers/surfaces.ts. */
/** A package upload: junk fields, and junk files under `package`. */
const packageUpload = fc
	.tuple(form({ x: free() }, false), fc.array(filePart, { maxLength: 2 }))
	.map(([fields, files]) => [...fields, ...files.map((p): Field => ['package', p])]);

export function httpFuzzRegistry(f: FuzzFixture): Record<string, HttpSurfaceFuzz> {
	const ids = f.realIds;
	const junk = junkParam(ids);
	const anyFields = form({ x: free() }, false);
	return {
		'action /account/password ?/default': {
			as: 'pw',
			expect: 'failure',
			cases: post(
				fc.constant('/account/password'),
				fc.oneof(
					form(
						{
							current: required(junkText.filter((s) => s !== f.password)),
							password: required(someText),
							confirm: required(someText)
						},
						false
					),
					fc.tuple(weakPassword('pw@t.vn'), text).map(([p, c]): Field[] => [
						['current', f.password],
						['password', p],
						['confirm', c]
					]),
					fc
						.tuple(strongPassword('pw@t.vn'), text)
						.filter(([p, c]) => p !== c)
						.map(([p, c]): Field[] => [
							['current', f.password],
							['password', p],
							['confirm', c]
						])
				)
			)
		},
		'action /admin/users ?/create': {
			as: 'admin',
			expect: 'failure',
			cases: post(
				fc.constant('/admin/users?/create'),
				fc.oneof(
					form(
						{
							email: required(
								fc.constant('x@y.vn'),
								junkText.filter((s) => !s.includes('@'))
							),
							name: required(someText),
							role: choice(ACCOUNT_ROLES, 30),
							mode: optional(fc.constant('invite'), junkText)
						},
						true
					),
					weakPassword('new@y.vn').map((p): Field[] => [
						['email', 'new@y.vn'],
						['name', 'Người mới'],
						['role', 'member'],
						['password', p]
					]),
					fc.constantFrom(...ACCOUNT_ROLES).map((role): Field[] => [
						['email', 'm1@t.vn'],
						['name', 'Trùng'],
						['role', role],
						['mode', 'invite']
					])
				)
			)
		},
		'action /admin/users ?/invite': {
			as: 'admin',
			expect: 'failure',
			cases: post(fc.constant('/admin/users?/invite'), form({ id: required(junkId(ids)) }, false))
		},
		'action /admin/users ?/status': {
			as: 'admin',
			expect: 'failure',
			cases: post(
				fc.constant('/admin/users?/status'),
				form({ id: required(junkId(ids)), disabled: choice(['0', '1']) }, false)
			)
		},
		'action /commune/dossiers/[id] ?/default': {
			as: 'commune',
			expect: 'failure',
			cases: onTarget(
				'/commune/dossiers/{id}',
				['d1', 'd2'],
				{
					rawMaterial: required(someText),
					labour: required(someText),
					ideaOrigin: required(someText),
					identity: required(someText),
					proposal: required(someText),
					decision: choice(['forward', 'return'], 10),
					reason: free()
				},
				ids
			)
		},
		'action /invite/[token] ?/default': {
			as: null,
			expect: 'failure',
			cases: fc.oneof(
				post(
					fc.constant(`/invite/${f.inviteToken}`),
					fc.oneof(
						fc.tuple(weakPassword('invitee@t.vn'), text).map(([p, c]): Field[] => [
							['password', p],
							['confirm', c]
						]),
						fc
							.tuple(strongPassword('invitee@t.vn'), text)
							.filter(([p, c]) => p !== c)
							.map(([p, c]): Field[] => [
								['password', p],
								['confirm', c]
							])
					)
				),
				post(
					junk.map((t) => `/invite/${t}`),
					form({ password: required(text), confirm: required(text) }, false)
				)
			)
		},
		'action /login ?/default': {
			as: null,
			expect: 'failure',
			cases: post(
				fc.constant('/login'),
				form(
					{
						email: required(fc.oneof(fc.constantFrom('m1@t.vn', 'pw@t.vn'), text)),
						password: required(junkText.filter((s) => s !== f.password))
					},
					false
				)
			)
		},
		'action /logout ?/default': {
			as: null,
			expect: 'redirect',
			cases: fc
				.tuple(post(fc.constant('/logout'), anyFields), fc.oneof(junkText, fc.constant('')))
				// Under Node's 16 KiB header limit: a longer one is refused before the app sees it.
				.map(([c, junkCookie]) => ({
					...c,
					cookie: `ocop_session=${enc(junkCookie).slice(0, 4000)}`
				}))
		},
		'action /notifications ?/read': {
			as: 'm1',
			expect: 'failure',
			cases: post(
				fc.constant('/notifications?/read'),
				// Never a plain number of some row: junk, zero, exponent or past 15 digits.
				form(
					{
						id: required(
							fc.oneof(
								junkText.filter((s) => !/^\d+$/.test(s)),
								fc.constantFrom('0', '1e3', '-1', '99999999999999999999')
							)
						)
					},
					true
				)
			)
		},
		// Nothing to refuse: any body marks the person's own notifications and comes back.
		'action /notifications ?/readAll': {
			as: 'm1',
			expect: 'redirect',
			cases: post(fc.constant('/notifications?/readAll'), anyFields)
		},
		'action /member ?/conflict': {
			as: 'm1',
			expect: 'failure',
			cases: post(
				fc.constant('/member?/conflict'),
				fc.oneof(
					form({ itemId: required(fc.constant(f.itemId)), reason: required(blank) }, false),
					form({ itemId: required(fc.constant(f.closedItemId)), reason: required(text) }, false),
					form({ itemId: required(junkId(ids)), reason: required(text) }, false)
				)
			)
		},
		...councilActions(f, ids),
		...officeActions(f, ids),
		...certificateActions(f, ids),
		...producerActions(f, ids),
		'endpoint GET /documents/minutes/[sittingId]': {
			as: 'secretary',
			expect: 'refusal',
			cases: get(junk.map((id) => `/documents/minutes/${id}`))
		},
		'endpoint GET /documents/notice/[seq]': {
			as: 'producer',
			expect: 'refusal',
			cases: get(junk.map((id) => `/documents/notice/${id}`))
		},
		'endpoint GET /documents/forms/[dossierId]/[form]': {
			as: 'producer',
			expect: 'refusal',
			cases: get(
				fc
					.tuple(junk, fc.oneof(junk, fc.constantFrom('01', '1', '001', '04', '02.pdf')))
					.map(([d, n]) => `/documents/forms/${d}/${n}`)
			)
		},
		'action /office/templates ?/save': {
			as: 'secretary',
			expect: 'failure',
			// Whatever else arrives, a blank or missing place or symbol is refused per field.
			cases: post(
				fc.constant('/office/templates?/save'),
				form(
					{
						place: required(blank),
						'council.symbol': free(fc.constantFrom('hđ-ocop', 'HĐ OCOP', '')),
						communeCodes: free()
					},
					false
				)
			)
		},
		'action /sittings/[id]/items/[itemId]/score ?/comment': {
			as: 'm1',
			expect: 'failure',
			// The closed item refuses any comment; a form without one is refused first.
			cases: post(
				fc.constant(`/sittings/${f.sittingId}/items/${f.closedItemId}/score?/comment`),
				form({ comment: free() }, false)
			)
		},
		'endpoint GET /documents/report/[seq]': {
			as: 'secretary',
			expect: 'refusal',
			cases: get(junk.map((id) => `/documents/report/${id}`))
		},
		'endpoint GET /documents/sheet/[seq]/[member]': {
			as: 'secretary',
			expect: 'refusal',
			cases: get(
				fc
					.tuple(junk, fc.oneof(junk, fc.constant('u-m1')))
					.map(([s, m]) => `/documents/sheet/${s}/${m}`)
			)
		},
		'endpoint GET /files/[id]': {
			as: 'producer',
			expect: 'refusal',
			cases: get(junk.map((id) => `/files/${id}`))
		},
		'endpoint POST /files/upload': {
			as: 'producer',
			expect: 'refusal',
			cases: post(
				fc.constant('/files/upload'),
				fc
					.tuple(
						form(
							{
								dossierId: required(fc.oneof(fc.constantFrom('d1', 'd2'), junkId(ids))),
								kind: choice(FILE_KINDS, 100),
								leafCode: free(fc.oneof(fc.constantFrom('1.1.1', 'A1'), junkText)),
								returnTo: free(fc.oneof(fc.constant('/producer'), junkText))
							},
							false
						),
						fc.array(filePart, { maxLength: 2 })
					)
					.map(([fields, files]) => [...fields, ...files.map((p): Field => ['file', p])])
			)
		},
		// The fixture is a province deployment: no upload is a package, no junk seq a candidate.
		'action /office/ministry ?/answer': {
			as: 'secretary',
			expect: 'failure',
			cases: post(fc.constant('/office/ministry?/answer'), packageUpload)
		},
		'action /office/ministry ?/receive': {
			as: 'secretary',
			expect: 'failure',
			cases: post(fc.constant('/office/ministry?/receive'), packageUpload)
		},
		'endpoint POST /office/ministry/package': {
			as: 'secretary',
			expect: 'refusal',
			cases: post(
				fc.constant('/office/ministry/package'),
				form(
					{
						seq: free(fc.oneof(fc.nat(9).map(String), junkText)),
						signer: free(),
						signerTitle: free()
					},
					false
				)
			)
		},
		'endpoint POST /office/ministry/answer': {
			as: 'secretary',
			expect: 'refusal',
			cases: post(
				fc.constant('/office/ministry/answer'),
				form({ seq: free(fc.oneof(fc.nat(9).map(String), junkText)) }, false)
			)
		},
		'endpoint POST /lang': {
			as: null,
			expect: 'redirect',
			cases: post(
				fc.constant('/lang'),
				form({ lang: free(fc.oneof(fc.constantFrom('vi', 'en'), junkText)), next: free() }, false)
			)
		},
		'endpoint GET /office/results/[seq]/bundle.json': {
			as: 'secretary',
			expect: 'refusal',
			cases: get(junk.map((s) => `/office/results/${s}/bundle.json`))
		},
		'endpoint GET /sittings/[id]/invite.ics': {
			as: 'm1',
			expect: 'refusal',
			cases: get(junk.map((s) => `/sittings/${s}/invite.ics`))
		},
		'endpoint GET /office/results/chain.json': {
			as: 'secretary',
			expect: 'answer',
			cases: get(fc.constant('/office/results/chain.json'))
		},
		'endpoint GET /office/results/export.csv': {
			as: 'secretary',
			expect: 'answer',
			cases: get(junkParam(ids).map((r) => `/office/results/export.csv?roundId=${r}`))
		},
		'endpoint GET /office/results/export.xlsx': {
			as: 'secretary',
			expect: 'answer',
			cases: get(junkParam(ids).map((r) => `/office/results/export.xlsx?roundId=${r}`))
		},
		// Junk in any filter is ignored: the answer is the unfiltered (or empty) table, never an error.
		...Object.fromEntries(
			['csv', 'xlsx'].map((ext) => [
				`endpoint GET /office/statistics/export.${ext}`,
				{
					as: 'secretary' as const,
					expect: 'answer' as const,
					cases: get(
						fc
							.tuple(
								fc.constantFrom(
									'year',
									'round',
									'level',
									'set',
									'stars',
									'commune',
									'outcome',
									'q'
								),
								junkParam(ids)
							)
							.map(([k, v]) => `/office/statistics/export.${ext}?${k}=${v}`)
					)
				}
			])
		),
		'endpoint GET /results/[seq]/bundle.json': {
			as: null,
			expect: 'refusal',
			cases: get(junk.map((s) => `/results/${s}/bundle.json`))
		},
		'endpoint GET /results/[seq]/certificate.pdf': {
			as: null,
			expect: 'refusal',
			cases: get(junk.map((s) => `/results/${s}/certificate.pdf`))
		},
		'endpoint GET /office/decisions/[id]/decision.pdf': {
			as: 'secretary',
			expect: 'refusal',
			cases: get(junk.map((s) => `/office/decisions/${s}/decision.pdf`))
		},
		'endpoint GET /results/[seq]/report.pdf': {
			as: null,
			expect: 'refusal',
			cases: get(junk.map((s) => `/results/${s}/report.pdf`))
		},
		// Public and parameterless: junk in the query changes nothing, the key is always given.
		'endpoint GET /.well-known/ocop-signing-key.pem': {
			as: null,
			expect: 'answer',
			cases: get(fc.constant('/.well-known/ocop-signing-key.pem'))
		}
	};
}
