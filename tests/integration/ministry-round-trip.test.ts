// Needs the build. Two deployments of the app, a province and the central level (separate SQLite
// files, data folders, keys and ports), each trusting only the other's key. Over HTTP as the two
// offices would: the province downloads the signed package of each 5★ candidate (with its
// numbered forwarding letter), the centre imports it as a dossier, its council locks a result,
// the centre exports the signed answer and the province imports it: one product recognised 5★
// (the public page says so), one returned (the province then recognises it 4★ by its own
// decision). Tampered, foreign-signed, replayed, climbing, duplicated, oversized and wrongly
// typed packages, other roles and the wrong level are refused in Vietnamese and change nothing.
import { vnDate } from '../../src/lib/server/results/figures';
import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import type { Db } from '../../src/lib/server/db/client';
import { ministryPackages } from '../../src/lib/server/db/schema';
import { buildPackage, MANIFEST, SIGNATURE } from '../../src/lib/server/ministry/package';
import { readZip, writeZip } from '../../src/lib/server/ministry/zip';
import { fingerprintOf, type SigningKey } from '../../src/lib/server/signing';
import type { AppProcess } from '../helpers/app-process';
import { useBuiltApp } from '../helpers/app-server';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';
import {
	cookieFor,
	useKey,
	lockCentral,
	makeCentral,
	makeKeys,
	type Keys
} from '../helpers/ministry-world';
import { pdfItems } from '../helpers/pdf-items';
import { attachEvidencePdf, numberedPdf } from '../helpers/sample-pdf';

const keyDir = mkdtempSync(join(tmpdir(), 'ocop-ministry-keys-'));
const keys = {
	province: makeKeys(keyDir, 'province'),
	central: makeKeys(keyDir, 'central'),
	rogue: makeKeys(keyDir, 'rogue')
};
let provDir = '';
let centDir = '';
let province: AppProcess;
let central: AppProcess;
let pdb: Db;
let cdb: Db;
let pWorld: World;
let cWorld: World;
let five: LockedRecord;
let returned: LockedRecord;
let four: LockedRecord;
let evidence: Buffer;
const cookies = { province: '', central: '', member: '', centralMember: '' };

const signingKey = (k: Keys): SigningKey => {
	const privateKey = createPrivateKey(k.privatePem);
	const publicKey = createPublicKey(privateKey);
	return { privateKey, publicKey, publicPem: k.publicPem, fingerprint: fingerprintOf(publicKey) };
};

function postForm(app: AppProcess, cookie: string, path: string, fields: Record<string, string>) {
	return fetch(app.url + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			cookie,
			origin: app.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields).toString()
	});
}

async function upload(app: AppProcess, cookie: string, action: string, bytes: Uint8Array) {
	const form = new FormData();
	form.set('package', new Blob([new Uint8Array(bytes)], { type: 'application/zip' }), 'goi.zip');
	const res = await fetch(`${app.url}/office/ministry?/${action}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { cookie, origin: app.url, accept: 'text/html' },
		body: form
	});
	return { status: res.status, text: await res.text() };
}

async function download(app: AppProcess, path: string, fields: Record<string, string>) {
	const cookie = app === province ? cookies.province : cookies.central;
	const res = await postForm(app, cookie, path, fields);
	expect(res.status, await res.clone().text()).toBe(200);
	expect(res.headers.get('content-type')).toBe('application/zip');
	return Buffer.from(await res.arrayBuffer());
}

const sendPackage = (seq: number) =>
	download(province, '/office/ministry/package', {
		seq: String(seq),
		signer: 'Trần Nam Hưng',
		signerTitle: 'Phó Chủ tịch'
	});

/** What a refusal must leave untouched on a deployment. */
function state(db: Db) {
	const count = (table: string) =>
		(db.$client.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
	return {
		dossiers: count('dossiers'),
		files: count('dossier_files'),
		packages: count('ministry_packages'),
		organizations: count('organizations')
	};
}

/** The package with one entry changed (or added), its manifest and signature kept. */
function rezip(bytes: Buffer, change: (entries: Map<string, Buffer>) => void): Buffer {
	const entries = readZip(bytes, { maxEntries: 200, maxEntryBytes: 1e8, maxTotalBytes: 1e9 });
	change(entries);
	return writeZip([...entries].map(([name, data]) => ({ name, data })));
}

const env = (level: string, trust: Keys) => ({
	OCOP_SIGNING_KEY: '',
	OCOP_LEVEL: level,
	OCOP_TRUSTED_KEYS: trust.publicFile
});
const now = Date.UTC(2026, 10, 20, 3);
// Each deployment's data folder holds its signing key beside the database before it starts.
const provinceApp = useBuiltApp({
	env: env('province', keys.central),
	seed: async (db, dir) => {
		provDir = dir;
		pdb = db;
		useKey(dir, keys.province);
		pWorld = seedWorld(pdb, now, { prefix: 'p' });
		const all = (r: number | [number, number]) => [r, r, r, r];
		five = lockProduct(pdb, pWorld, {
			key: 'quythu',
			name: 'Bánh dừa nướng Quý Thu',
			organization: 'Cơ sở Bánh dừa nướng Quý Thu',
			setNo: 7,
			ranks: all(0),
			publish: true,
			closedAt: now
		});
		returned = lockProduct(pdb, pWorld, {
			key: 'saphraton',
			name: 'TPBVSK SAPHRATON',
			setNo: 7,
			ranks: all(0),
			publish: true,
			closedAt: now + 1000
		});
		four = lockProduct(pdb, pWorld, {
			key: 'bana',
			name: 'Snack chuối Bana',
			setNo: 7,
			ranks: all([1, 0]),
			publish: true,
			closedAt: now + 2000
		});
		evidence = await numberedPdf(1);
		attachEvidencePdf(pdb.$client, provDir, {
			id: 'file-quythu-1',
			dossierId: five.dossierId,
			leafCode: '1.1',
			name: 'Giấy chứng nhận an toàn thực phẩm.pdf',
			pdf: evidence
		});
		cookies.province = cookieFor(pdb, pWorld.officeId);
		cookies.member = cookieFor(pdb, pWorld.memberIds[1]);
	},
	timeoutMs: 90_000
});
const centralApp = useBuiltApp({
	env: env('central', keys.province),
	seed: (db, dir) => {
		centDir = dir;
		cdb = db;
		useKey(dir, keys.central);
		cWorld = seedWorld(cdb, now, { prefix: 'c' });
		makeCentral(cdb, cWorld);
		cookies.central = cookieFor(cdb, cWorld.officeId);
		cookies.centralMember = cookieFor(cdb, cWorld.memberIds[1]);
	},
	timeoutMs: 90_000
});

beforeAll(() => {
	province = provinceApp.app;
	central = centralApp.app;
});

afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

describe('province → Ministry', () => {
	let pkg: Buffer;

	it('the province office downloads one signed package with the numbered forwarding letter', async () => {
		pkg = await sendPackage(five.seq);
		const entries = readZip(pkg, { maxEntries: 200, maxEntryBytes: 1e8, maxTotalBytes: 1e9 });
		expect([...entries.keys()].sort()).toEqual(
			[
				MANIFEST,
				SIGNATURE,
				'letter/cong-van.pdf',
				'result/bundle.json',
				'dossier/dossier.json',
				'dossier/files/01.pdf'
			].sort()
		);
		expect(entries.get('dossier/files/01.pdf')!.equals(evidence)).toBe(true);
		const manifest = JSON.parse(entries.get(MANIFEST)!.toString());
		expect(manifest.result).toEqual({ seq: five.seq, hash: five.hash });
		expect(manifest.from.key).toBe(signingKey(keys.province).fingerprint);
		const text = (await pdfItems(entries.get('letter/cong-van.pdf')!)).map((i) => i.text).join(' ');
		for (const part of [
			'ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG',
			'Số: 01/UBND-KT',
			'V/v đề nghị công nhận sản phẩm OCOP 5 sao',
			'Kính gửi: Bộ Nông nghiệp và Môi trường',
			'Bánh dừa nướng Quý Thu',
			'Nơi nhận:',
			'TM. ỦY BAN NHÂN DÂN',
			'KT. CHỦ TỊCH',
			'PHÓ CHỦ TỊCH',
			'Trần Nam Hưng'
		])
			expect(text).toContain(part);
		const register = pdb.$client
			.prepare(`select symbol from document_register where subject = ?`)
			.get(`ministry-letter:${five.seq}`) as { symbol: string };
		expect(register.symbol).toBe('01/UBND-KT');
		// A second download is the same package with the same letter number.
		const again = readZip(await sendPackage(five.seq), {
			maxEntries: 200,
			maxEntryBytes: 1e8,
			maxTotalBytes: 1e9
		});
		expect(JSON.parse(again.get(MANIFEST)!.toString()).id).toBe(manifest.id);
	});

	it('only 5★ candidates leave, only the office sends, and not from the central level', async () => {
		const res = await postForm(province, cookies.province, '/office/ministry/package', {
			seq: String(four.seq),
			signer: 'A',
			signerTitle: 'Phó Chủ tịch'
		});
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('không phải sản phẩm tiềm năng 5 sao');
		const member = await postForm(province, cookies.member, '/office/ministry/package', {
			seq: String(five.seq),
			signer: 'A',
			signerTitle: 'B'
		});
		expect(member.status).toBe(403);
		const anonymous = await postForm(province, '', '/office/ministry/package', {
			seq: String(five.seq),
			signer: 'A',
			signerTitle: 'B'
		});
		expect(anonymous.status).toBe(303);
		const wrongLevel = await postForm(central, cookies.central, '/office/ministry/package', {
			seq: '1',
			signer: 'A',
			signerTitle: 'B'
		});
		expect(wrongLevel.status).toBe(403);
		expect(await wrongLevel.text()).toContain('không dùng ở máy chủ cấp này');
	});

	it('the centre refuses every altered, foreign or malformed package and changes nothing', async () => {
		const before = state(cdb);
		const filesBefore = existsSync(join(centDir, 'uploads'));
		const rogue = (() => {
			const entries = readZip(pkg, { maxEntries: 200, maxEntryBytes: 1e8, maxTotalBytes: 1e9 });
			const manifest = JSON.parse(entries.get(MANIFEST)!.toString());
			const files = [...entries]
				.filter(([n]) => n !== MANIFEST && n !== SIGNATURE)
				.map(([name, data]) => ({ name, data }));
			const { files: _f, format: _x, ...head } = manifest;
			return { head, files };
		})();
		const signedBy = (k: Keys, edit?: (files: { name: string; data: Buffer }[]) => void) => {
			const files = rogue.files.map((f) => ({ ...f }));
			edit?.(files);
			const key = signingKey(k);
			return buildPackage(
				key,
				{ ...rogue.head, from: { ...rogue.head.from, key: key.fingerprint } },
				files
			).bytes;
		};
		const changedBundle = signedBy(keys.province, (files) => {
			// A re-hashed record with a better average, packed and signed with the province's key:
			// the bundle's own signature and the lock-time head no longer verify.
			const f = files.find((x) => x.name === 'result/bundle.json')!;
			const bundle = JSON.parse(f.data.toString());
			bundle.records[0].productName = 'Sản phẩm khác';
			f.data = Buffer.from(JSON.stringify(bundle));
		});
		const cases: [string, Uint8Array, string][] = [
			[
				'a changed dossier file',
				rezip(pkg, (e) =>
					e.set('dossier/files/01.pdf', Buffer.concat([evidence, Buffer.from('x')]))
				),
				'không khớp với bản kê đã ký'
			],
			[
				'an added file',
				rezip(pkg, (e) => e.set('extra.pdf', evidence)),
				'không khớp với bản kê đã ký'
			],
			[
				'an edited manifest',
				rezip(pkg, (e) =>
					e.set(MANIFEST, Buffer.from(e.get(MANIFEST)!.toString().replace('"seq": ', '"seq": 1')))
				),
				'Chữ ký của gói hồ sơ không hợp lệ'
			],
			['a foreign key', signedBy(keys.rogue), 'khóa không nằm trong danh sách tin cậy'],
			['a changed locked result', changedBundle, 'Kết quả đã khóa trong gói không kiểm tra được'],
			[
				'a climbing entry',
				writeZip([
					...[...readZip(pkg, { maxEntries: 200, maxEntryBytes: 1e8, maxTotalBytes: 1e9 })].map(
						([name, data]) => ({ name, data })
					),
					{ name: '../../ocop.db', data: Buffer.from('x') }
				]),
				'tên tệp không hợp lệ'
			],
			[
				'a duplicate entry',
				writeZip([
					{ name: MANIFEST, data: Buffer.from('{}') },
					{ name: MANIFEST, data: Buffer.from('{}') }
				]),
				'hai tệp trùng tên'
			],
			['a PDF instead of a zip', evidence, 'không phải gói hồ sơ .zip hợp lệ'],
			['an empty upload', new Uint8Array(0), 'Hãy chọn tệp gói hồ sơ']
		];
		for (const [what, bytes, message] of cases) {
			const res = await upload(central, cookies.central, 'receive', bytes);
			expect(res.status, what).toBe(400);
			expect(res.text, what).toContain(message);
		}
		const big = await upload(central, cookies.central, 'receive', new Uint8Array(12 * 1024 * 1024));
		expect(big.status).toBe(413);
		expect(big.text).toContain('MB');
		const member = await upload(central, cookies.centralMember, 'receive', pkg);
		expect(member.status).toBe(403);
		const anonymous = await upload(central, '', 'receive', pkg);
		expect(anonymous.status).toBe(303);
		const wrongLevel = await upload(province, cookies.province, 'receive', pkg);
		expect(wrongLevel.status).toBe(400);
		expect(wrongLevel.text).toContain('không dùng ở máy chủ cấp này');
		expect(state(cdb)).toEqual(before);
		expect(existsSync(join(centDir, 'uploads'))).toBe(filesBefore);
	});

	it('the centre imports the package as a dossier ready for its council, once', async () => {
		const res = await upload(central, cookies.central, 'receive', pkg);
		expect(res.status).toBe(200);
		expect(res.text).toContain('Đã nhận hồ sơ');
		const dossier = cdb.$client
			.prepare(
				`select d.id, d.state, p.name from dossiers d join products p on p.id = d.product_id
				 join ministry_packages m on m.dossier_id = d.id`
			)
			.get() as { id: string; state: string; name: string };
		expect(dossier).toMatchObject({ state: 'ready', name: 'Bánh dừa nướng Quý Thu' });
		const files = cdb.$client
			.prepare(`select kind, stored_name, sha256 from dossier_files where dossier_id = ?`)
			.all(dossier.id) as { kind: string; stored_name: string; sha256: string }[];
		expect(files.map((f) => f.kind).sort()).toEqual(['evidence', 'supplement']);
		const copied = files.find((f) => f.kind === 'evidence')!;
		expect(readFileSync(join(centDir, 'uploads', copied.stored_name)).equals(evidence)).toBe(true);
		// Replayed as is, or downloaded again from the province: refused, nothing added.
		const before = state(cdb);
		for (const bytes of [pkg, await sendPackage(five.seq)]) {
			const again = await upload(central, cookies.central, 'receive', bytes);
			expect(again.status).toBe(400);
			expect(again.text).toContain('đã được nhận trước đây');
		}
		expect(state(cdb)).toEqual(before);
	});
});

describe('Ministry → province', () => {
	const dossierOf = (seq: number) =>
		(
			cdb.$client
				.prepare(
					`select dossier_id id from ministry_packages where direction='in' and origin_seq = ?`
				)
				.get(seq) as { id: string }
		).id;
	let recognisedAnswer: Buffer;
	let returnedAnswer: Buffer;

	it('the centre locks its results and exports a signed answer for each', async () => {
		const second = await upload(
			central,
			cookies.central,
			'receive',
			await sendPackage(returned.seq)
		);
		expect(second.status).toBe(200);
		const at = Date.UTC(2026, 11, 1, 3);
		const yes = lockCentral(cdb, cWorld, dossierOf(five.seq), 'Bánh dừa nướng Quý Thu', 0, at);
		const no = lockCentral(
			cdb,
			cWorld,
			dossierOf(returned.seq),
			'TPBVSK SAPHRATON',
			[1, 0],
			at + 1
		);
		expect([yes.result.outcome, no.result.outcome]).toEqual(['recognized', 'returned']);
		recognisedAnswer = await download(central, '/office/ministry/answer', { seq: String(yes.seq) });
		returnedAnswer = await download(central, '/office/ministry/answer', { seq: String(no.seq) });
		const page = await (
			await fetch(`${central.url}/office/ministry`, { headers: { cookie: cookies.central } })
		).text();
		expect(page).toContain('đã xuất');
	});

	it('the province refuses a tampered, foreign or misdirected answer and changes nothing', async () => {
		const before = state(pdb);
		const tampered = rezip(recognisedAnswer, (e) =>
			e.set(
				'answer.json',
				Buffer.from(e.get('answer.json')!.toString().replace('recognized', 'returned'))
			)
		);
		const res = await upload(province, cookies.province, 'answer', tampered);
		expect(res.status).toBe(400);
		expect(res.text).toContain('không khớp với bản kê đã ký');
		// The province's own candidate is signed by a key the province does not list as trusted.
		const own = await upload(province, cookies.province, 'answer', await sendPackage(returned.seq));
		expect(own.status).toBe(400);
		expect(own.text).toContain('khóa không nằm trong danh sách tin cậy');
		// Signed by the centre, but answering a package this province never sent.
		const entries = readZip(recognisedAnswer, {
			maxEntries: 200,
			maxEntryBytes: 1e8,
			maxTotalBytes: 1e9
		});
		const { files: _f, format: _x, ...head } = JSON.parse(entries.get(MANIFEST)!.toString());
		const stray = buildPackage(
			signingKey(keys.central),
			{ ...head, id: randomUUID(), answers: randomUUID() },
			[...entries]
				.filter(([n]) => n !== MANIFEST && n !== SIGNATURE)
				.map(([name, data]) => ({ name, data }))
		).bytes;
		const unknown = await upload(province, cookies.province, 'answer', stray);
		expect(unknown.status).toBe(400);
		expect(unknown.text).toContain('không trả lời hồ sơ nào tỉnh đã gửi');
		const wrongLevel = await upload(central, cookies.central, 'answer', recognisedAnswer);
		expect(wrongLevel.status).toBe(400);
		expect(wrongLevel.text).toContain('không dùng ở máy chủ cấp này');
		const member = await upload(province, cookies.member, 'answer', recognisedAnswer);
		expect(member.status).toBe(403);
		expect(state(pdb)).toEqual(before);
		expect(
			pdb
				.select()
				.from(ministryPackages)
				.all()
				.filter((p) => p.direction === 'in')
		).toEqual([]);
	});

	it('a recognised answer shows 5★ recognised by the Ministry on the public page, once', async () => {
		const res = await upload(province, cookies.province, 'answer', recognisedAnswer);
		expect(res.status).toBe(200);
		expect(res.text).toContain('công nhận sản phẩm OCOP 5 sao');
		const page = await (await fetch(`${province.url}/results/${five.seq}`)).text();
		expect(page).toContain('data-testid="central-recognized"');
		expect(page).toContain('được Bộ Nông nghiệp và Môi trường công nhận');
		const other = await (await fetch(`${province.url}/results/${returned.seq}`)).text();
		expect(other).not.toContain('data-testid="central-');
		const before = state(pdb);
		const again = await upload(province, cookies.province, 'answer', recognisedAnswer);
		expect(again.status).toBe(400);
		expect(again.text).toContain('đã được nhận trước đây');
		expect(state(pdb)).toEqual(before);
		const office = await (
			await fetch(`${province.url}/office/ministry`, { headers: { cookie: cookies.province } })
		).text();
		expect(office).toContain('Bộ đã công nhận 5 sao');
	});

	it('a returned product may then be recognised 3★ or 4★ by the province’s own decision', async () => {
		const decisionsBefore = await (
			await fetch(`${province.url}/office/decisions`, { headers: { cookie: cookies.province } })
		).text();
		// Before the answer it is a forwarded candidate: no certificate field.
		expect(decisionsBefore).not.toContain(`name="cert-${returned.seq}"`);
		const res = await upload(province, cookies.province, 'answer', returnedAnswer);
		expect(res.status).toBe(200);
		expect(res.text).toContain('trả lại tỉnh');
		const page = await (await fetch(`${province.url}/results/${returned.seq}`)).text();
		expect(page).toContain('data-testid="central-returned"');
		const decisions = await (
			await fetch(`${province.url}/office/decisions`, { headers: { cookie: cookies.province } })
		).text();
		expect(decisions).toContain(`name="cert-${returned.seq}"`);
		// The central council rated it 4★: the office may recognise 3★ or 4★, 4★ offered first.
		expect(decisions).toContain('Hội đồng cấp trung ương đánh giá 4 sao');
		const select = decisions.slice(decisions.indexOf(`name="stars-${returned.seq}"`));
		expect(select.slice(0, select.indexOf('</select>'))).toMatch(
			/<option value="3"[^>]*>3 ★<\/option>\s*<option value="4" selected[^>]*>4 ★/
		);
		const form = {
			number: '',
			// Signed today: a decision cannot be dated after the day it is recorded.
			decidedOn: vnDate(Date.now()),
			signer: 'Trần Nam Hưng',
			signerTitle: 'Phó Chủ tịch',
			seq: String(returned.seq),
			[`cert-${returned.seq}`]: 'GCN-2026-0099'
		};
		const above = await postForm(province, cookies.province, '/office/decisions?/record', {
			...form,
			[`stars-${returned.seq}`]: '5'
		});
		expect(above.status).toBe(400);
		expect(await above.text()).toContain('không phù hợp với kết quả của Hội đồng cấp trung ương');
		const recorded = await postForm(province, cookies.province, '/office/decisions?/record', {
			...form,
			[`stars-${returned.seq}`]: '3'
		});
		expect(recorded.status).toBe(200);
		const item = pdb.$client
			.prepare(
				`select stars, outcome, certificate_no from decision_items where seq = ? and outcome = 'recognized'`
			)
			.get(returned.seq);
		expect(item).toEqual({ stars: 3, outcome: 'recognized', certificate_no: 'GCN-2026-0099' });
		// The public page draws the recognised 3★, not the province council's 5★.
		const pub = await (await fetch(`${province.url}/results/${returned.seq}`)).text();
		expect(pub).toMatch(/data-kind="recognized"[^]*?aria-label="3 sao"/);
		const list = await (await fetch(`${province.url}/results?stars=3`)).text();
		expect(list).toContain(`/results/${returned.seq}`);
	});
});
