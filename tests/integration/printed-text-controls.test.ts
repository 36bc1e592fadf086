// Needs the build (BUILD_DIR, as for every test that spawns the app). Texts the app prints on
// official documents, PDFs and pages refuse control characters and bidi overrides with a message
// in the reader's language, and the refused form changes nothing: a member's title, a decision's
// signer, number and certificate numbers, the Ministry letter's signer, a written round's title
// (one line: no control at all), and the reasons, comments, review and requests (several lines:
// line breaks and tabs are fine). See tests/integration/input-limits.test.ts for names and chat.
import { vnDate } from '../../src/lib/server/results/figures';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client';
import type { AppProcess } from '../helpers/app-process';
import { useBuiltApp } from '../helpers/app-server';
import { changedTables, takeSnapshot } from '../helpers/db-snapshot';
import { seedMatrixFixture, type MatrixFixture } from './authz/fixture';
import { F } from './authz/ids';

/** The outside probe's strings: NUL, bell, escape and a right-to-left override. */
const PROBE_TITLE = 'Chuyên gia\u0000\u0007\u001b\u202E';
const PROBE_SIGNER = 'Nguyễn \u202EnăV';
const PROBE_SIGNER_TITLE = 'Phó Chủ tịch\u0000\u0007';
/** Hostile one-line values: each is refused in a name, a title, a signer or a number. */
const ONE_LINE = [PROBE_TITLE, 'a\u202eb', 'x\u2066y\u2069', 'Dòng 1\r\nDòng 2', '\u0085x', 'a\tb'];
/** Hostile texts of several lines: line breaks are fine, the rest is not. */
const SEVERAL_LINES = ['Lý do\u0000', 'Tốt\u0007 lắm', '\u001b[2J', 'Người \u202ethân', 'a\u2067b'];
const NAME_REFUSED = 'Tên không được chứa ký tự điều khiển';
const TEXT_REFUSED = 'Nội dung không được chứa ký tự điều khiển';

describe('printed texts refuse control characters and bidi overrides, and change nothing', () => {
	const built = useBuiltApp({
		seed: (db, dir) => seedMatrixFixture(db, join(dir, 'uploads'), Date.now())
	});
	let app: AppProcess;
	let db: Db;
	let world: MatrixFixture;

	beforeAll(() => {
		({ app, db, seeded: world } = built);
	});

	const post = (path: string, cookie: string, fields: Record<string, string>) =>
		fetch(app.url + path, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: app.url,
				cookie,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams(fields).toString()
		});

	/** Posts the form; says its status, its page and which tables it changed. */
	async function send(path: string, cookie: string, fields: Record<string, string>) {
		const before = takeSnapshot(db.$client);
		const res = await post(path, cookie, fields);
		const text = await res.text();
		return { status: res.status, text, changed: changedTables(before, takeSnapshot(db.$client)) };
	}

	/** Each bad value in `field` is refused with `message` (400) and stores nothing. */
	async function refusesEach(
		path: string,
		cookie: string,
		valid: Record<string, string>,
		field: string,
		bad: string[],
		message: string
	) {
		for (const value of bad) {
			const got = await send(path, cookie, { ...valid, [field]: value });
			const said = `${field}=${JSON.stringify(value)} → ${got.status}`;
			expect(got.status, said).toBe(400);
			expect(got.text, said).toContain(message);
			expect(got.changed, said).toEqual([]);
		}
	}

	const title = () =>
		db.$client
			.prepare('select title from council_members where council_id = ? and user_id = ?')
			.get(F.council, 'u-m1') as { title: string };

	it('a member’s title (updateMember, the probe): refused in Vietnamese or English; a plain one is saved', async () => {
		const path = `/office/councils/${F.council}?/updateMember`;
		const valid = { userId: 'u-m1', role: 'member', voting: 'on', title: 'Chuyên gia' };
		const stored = title();
		await refusesEach(path, world.cookies.office, valid, 'title', ONE_LINE, NAME_REFUSED);
		const en = await send(path, `${world.cookies.office}; ocop_lang=en`, {
			...valid,
			title: PROBE_TITLE
		});
		expect(en.status).toBe(400);
		expect(en.text).toContain('may not contain control characters');
		expect(en.changed).toEqual([]);
		expect(title()).toEqual(stored);
		const ok = await send(path, world.cookies.office, valid);
		expect(ok.status).toBe(200);
		expect(title()).toEqual({ title: 'Chuyên gia' });
	});

	it('a new member’s title (addMember) is refused the same way', async () => {
		const valid = { email: F.spareEmail, role: 'member', voting: 'on', title: 'Chuyên gia' };
		await refusesEach(
			`/office/councils/${F.council}?/addMember`,
			world.cookies.office,
			valid,
			'title',
			ONE_LINE,
			NAME_REFUSED
		);
	});

	it('a written round’s title is refused', async () => {
		const valid = {
			title: 'Lấy ý kiến đợt 1',
			roundId: F.round,
			opensOn: '2030-01-01',
			closesOn: '2030-01-10',
			dossierId: F.ready
		};
		await refusesEach(
			`/office/councils/${F.council}/written`,
			world.cookies.office,
			valid,
			'title',
			ONE_LINE,
			NAME_REFUSED
		);
	});

	it('the Ministry letter’s signer and title are refused before anything is numbered', async () => {
		const valid = {
			seq: String(F.seqLocked),
			signer: 'Trần Nam Hưng',
			signerTitle: 'Phó Chủ tịch'
		};
		for (const field of ['signer', 'signerTitle'])
			await refusesEach(
				'/office/ministry/package',
				world.cookies.office,
				valid,
				field,
				[PROBE_SIGNER, PROBE_SIGNER_TITLE],
				NAME_REFUSED
			);
	});

	it('a conflict-of-interest reason, recorded by the office or declared by the member', async () => {
		await refusesEach(
			`/office/sittings/${F.sitting}?/conflict`,
			world.cookies.office,
			{ itemId: F.item, userId: F.otherScorer, reason: 'Người thân' },
			'reason',
			SEVERAL_LINES,
			TEXT_REFUSED
		);
		await refusesEach(
			'/member?/conflict',
			world.cookies.member,
			{ itemId: F.item, reason: 'Người thân' },
			'reason',
			SEVERAL_LINES,
			TEXT_REFUSED
		);
	});

	it('a member’s comment on the score sheet; one of several lines with a tab is saved', async () => {
		const path = `/sittings/${F.sitting}/items/${F.item}/score?/comment`;
		const valid = { comment: 'Bao bì đẹp.' };
		await refusesEach(path, world.cookies.member, valid, 'comment', SEVERAL_LINES, TEXT_REFUSED);
		const ok = await send(path, world.cookies.member, { comment: 'Dòng 1\r\n\tDòng 2' });
		expect(ok.status).toBe(200);
		expect(ok.changed).toContain('card_comments');
		const stored = db.$client
			.prepare('select text from card_comments where item_id = ? and user_id = ?')
			.get(F.item, 'u-m1');
		expect(stored).toEqual({ text: 'Dòng 1\n\tDòng 2' });
	});

	it('the commune’s review and reason, and the office’s request for documents', async () => {
		const review = {
			rawMaterial: 'Nguyên liệu tại địa phương',
			labour: 'Lao động địa phương',
			ideaOrigin: 'Ý tưởng của hợp tác xã',
			identity: 'Đặc trưng vùng',
			proposal: 'Đề nghị đánh giá',
			decision: 'forward',
			reason: ''
		};
		for (const field of ['rawMaterial', 'proposal', 'reason'])
			await refusesEach(
				`/commune/dossiers/${F.submitted}`,
				world.cookies.commune,
				review,
				field,
				SEVERAL_LINES,
				TEXT_REFUSED
			);
		await refusesEach(
			`/office/dossiers/${F.submitted}?/request`,
			world.cookies.office,
			{ message: 'Bổ sung phiếu kiểm nghiệm' },
			'message',
			SEVERAL_LINES,
			TEXT_REFUSED
		);
	});

	it('a decision’s signer, signer title, number and certificate number (record, the probe)', async () => {
		const valid = {
			number: '',
			// Signed today: a decision cannot be dated after the day it is recorded.
			decidedOn: vnDate(Date.now()),
			signer: 'Trần Nam Hưng',
			signerTitle: 'Phó Chủ tịch UBND tỉnh',
			seq: String(F.seqLocked),
			[`cert-${F.seqLocked}`]: ''
		};
		const path = '/office/decisions?/record';
		const cookie = world.cookies.office;
		const probe = await send(path, cookie, {
			...valid,
			signer: PROBE_SIGNER,
			signerTitle: PROBE_SIGNER_TITLE
		});
		expect(probe.status).toBe(400);
		expect(probe.text).toContain(NAME_REFUSED);
		expect(probe.changed).toEqual([]);
		for (const field of ['signer', 'signerTitle', 'number', `cert-${F.seqLocked}`])
			await refusesEach(path, cookie, valid, field, ONE_LINE, NAME_REFUSED);
		// The same form with plain text is recorded: the refusals were for the characters alone.
		const ok = await send(path, cookie, valid);
		expect(ok.status).toBe(200);
		expect(ok.changed).toContain('recognition_decisions');
	});
});
