// Needs the build (BUILD_DIR, as for every test that spawns the app). Input the app refuses
// with a message that says why, in the reader's language, and without changing anything:
// bodies over the server's limit (the upload endpoint and an ordinary form), and control
// characters in a chat line or in a name (account, organisation, product, council).
import { request } from 'node:http';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/client';
import type { AppProcess } from '../helpers/app-process';
import { useBuiltApp } from '../helpers/app-server';
import { changedTables, takeSnapshot } from '../helpers/db-snapshot';
import { seedMatrixFixture, type MatrixFixture } from './authz/fixture';
import { F, LEAF } from './authz/ids';
import { encodedObjectStreamPdf, objectStreamBody } from '../helpers/upload-samples';
import { connectSocket, socketProbe, type Client } from './authz/probes';

/** Over the 11 MB BODY_SIZE_LIMIT that server/main.ts sets. */
const OVER = 12 * 1024 * 1024;
/** Over the 1 MB a request without a file may carry (MAX_FORM_BYTES). */
const FORM_OVER = 2 * 1024 * 1024;

describe('refused input says why and changes nothing', () => {
	const built = useBuiltApp({
		seed: (db, dir) => seedMatrixFixture(db, join(dir, 'uploads'), Date.now())
	});
	let app: AppProcess;
	let db: Db;
	let world: MatrixFixture;
	let chair: Client;

	beforeAll(async () => {
		({ app, db, seeded: world } = built);
		const c = await connectSocket(app.url, world.cookies.chair);
		if (typeof c === 'string') throw new Error(c);
		chair = c;
	});

	afterAll(() => {
		chair?.close();
	});

	/** Runs `send`, and says which tables it changed. */
	async function unchanged<T>(send: () => Promise<T>): Promise<{ got: T; changed: string[] }> {
		const before = takeSnapshot(db.$client);
		const got = await send();
		return { got, changed: changedTables(before, takeSnapshot(db.$client)) };
	}

	const post = (path: string, cookie: string, body: BodyInit, headers = {}) =>
		fetch(app.url + path, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: app.url, cookie, accept: 'text/html', ...headers },
			body
		});

	function upload(lang: 'vi' | 'en', headers: Record<string, string> = {}) {
		const form = new FormData();
		form.append('dossierId', F.draft);
		form.append('kind', 'evidence');
		form.append('file', new Blob([new Uint8Array(OVER)], { type: 'application/pdf' }), 'lon.pdf');
		return post('/files/upload', `${world.cookies.producer}; ocop_lang=${lang}`, form, headers);
	}

	it('an upload over the body limit: 413 naming the per-file limit, in Vietnamese or English', async () => {
		const { got: vi, changed } = await unchanged(() =>
			upload('vi', { accept: 'application/json' })
		);
		expect(vi.status).toBe(413);
		expect(await vi.json()).toEqual({ ok: false, message: 'Tệp quá lớn: tối đa 10 MB mỗi tệp.' });
		expect(changed).toEqual([]);
		const en = await upload('en', { accept: 'application/json' });
		expect(await en.json()).toMatchObject({
			message: 'The file is too large: at most 10 MB per file.'
		});
	});

	it('an upload over the limit without JavaScript goes back to its page with the message', async () => {
		const referer = `${app.url}/producer/dossiers/${F.draft}`;
		const res = await upload('vi', { referer });
		expect(res.status).toBe(303);
		const to = new URL(res.headers.get('location')!, app.url);
		expect(to.pathname).toBe(`/producer/dossiers/${F.draft}`);
		expect(to.searchParams.get('uploadError')).toBe('Tệp quá lớn: tối đa 10 MB mỗi tệp.');
	});

	it('a form over the form limit: 413 naming the limit, as a page and to an enhanced form', async () => {
		const body = new URLSearchParams({ name: 'x'.repeat(FORM_OVER) }).toString();
		const type = { 'content-type': 'application/x-www-form-urlencoded' };
		const { got: page, changed } = await unchanged(() =>
			post('/producer/profile', world.cookies.producer, body, type)
		);
		expect(page.status).toBe(413);
		expect(await page.text()).toContain('Dữ liệu gửi lên quá lớn: giới hạn 1 MB.');
		expect(changed).toEqual([]);
		const enhanced = await post(
			'/producer/profile',
			`${world.cookies.producer}; ocop_lang=en`,
			body,
			{
				...type,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			}
		);
		const json = (await enhanced.json()) as { type: string; error: { message: string } };
		expect(json.type).toBe('error');
		expect(json.error.message).toContain('the limit is 1 MB');
	});

	it('PDFs whose object streams are a bomb or hide a script are refused, nothing stored', async () => {
		// Found from outside: 2.4 MB of object streams, each under the 8 MB a stream could inflate
		// to, took the server to 2.7 GB; a script in a hex-encoded object stream passed.
		const spaces = deflateSync(Buffer.concat([Buffer.from('5 0 '), Buffer.alloc(8 << 20, 32)]));
		const bomb = Buffer.concat([
			Buffer.from('%PDF-1.5\n'),
			...Array.from({ length: 8 }, (_, i) =>
				Buffer.concat([
					Buffer.from(`${i + 1} 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode>>stream\n`),
					spaces,
					Buffer.from('\nendstream\nendobj\n')
				])
			)
		]);
		const script = encodedObjectStreamPdf(
			'/Type/ObjStm/N 1/First 4/Filter/ASCIIHexDecode',
			objectStreamBody('<</S/JavaScript/JS(app.alert(1))>>').toString('hex') + '>'
		);
		const send = (bytes: Uint8Array, lang: 'vi' | 'en') => {
			const form = new FormData();
			form.append('dossierId', F.draft);
			form.append('kind', 'evidence');
			form.append('leafCode', LEAF);
			form.append(
				'file',
				new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }),
				'minh-chung.pdf'
			);
			return post('/files/upload', `${world.cookies.producer}; ocop_lang=${lang}`, form, {
				accept: 'application/json'
			}).then(async (r) => ({ status: r.status, body: await r.json() }));
		};
		const uploads = join(built.dir, 'uploads');
		const filesBefore = readdirSync(uploads).length;
		const { got, changed } = await unchanged(async () => [
			await send(bomb, 'vi'),
			await send(bomb, 'en'),
			await send(script, 'vi'),
			await send(script, 'en')
		]);
		expect(got).toEqual([
			{
				status: 400,
				body: {
					ok: false,
					message:
						'Tệp PDF giải nén ra quá lớn so với một tệp minh chứng thông thường (tối đa 32 MB) nên bị từ chối.'
				}
			},
			{
				status: 400,
				body: {
					ok: false,
					message:
						'The PDF decompresses to far more than a normal evidence file (at most 32 MB) and is refused.'
				}
			},
			{
				status: 400,
				body: {
					ok: false,
					message: 'Tệp PDF chứa mã thực thi (JavaScript, tệp đính kèm) nên bị từ chối.'
				}
			},
			{
				status: 400,
				body: {
					ok: false,
					message: 'The PDF contains active content (JavaScript, embedded files) and is refused.'
				}
			}
		]);
		expect(changed).toEqual([]);
		expect(readdirSync(uploads).length).toBe(filesBefore);
	});

	it('a sign-in post of millions of fields is refused unparsed: /healthz keeps answering', async () => {
		// 11 MB of `a=1&` (2.7 million fields) once held the event loop for six seconds.
		const body = 'a=1&'.repeat(2_700_000);
		let slowest = 0;
		let done = false;
		const pings = (async () => {
			while (!done) {
				const t = Date.now();
				await fetch(`${app.url}/healthz`);
				slowest = Math.max(slowest, Date.now() - t);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		})();
		const { got, changed } = await unchanged(async () => {
			const r = await post('/login', '', body, {
				'content-type': 'application/x-www-form-urlencoded'
			});
			return { status: r.status, text: await r.text() };
		});
		done = true;
		await pings;
		expect(got.status).toBe(413);
		expect(got.text).toContain('giới hạn 1 MB');
		expect(changed).toEqual([]);
		expect(slowest).toBeLessThan(1000);
	});

	it.each([
		'/files/upload/../../login',
		'/files/upload/%2e%2e/%2E%2E/login',
		'/files/upload/.%2e/%2e./login',
		'/office/ministry/../../login',
		'/files/upload/x/../../../login?/default'
	])('a large form behind the upload path, %s, meets the form limit', async (path) => {
		// fetch would resolve the dots itself; a client that sends them as they are reached the
		// sign-in action with the upload limit, and the server parsed the whole body.
		const body = 'a=1&'.repeat(FORM_OVER / 4);
		const { got, changed } = await unchanged(
			() =>
				new Promise<{ status: number; text: string }>((resolve, reject) => {
					const { hostname, port } = new URL(app.url);
					const req = request(
						{
							hostname,
							port,
							path,
							method: 'POST',
							headers: {
								origin: app.url,
								'content-type': 'application/x-www-form-urlencoded',
								'content-length': Buffer.byteLength(body)
							}
						},
						(res) => {
							let text = '';
							res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
							res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
						}
					);
					req.on('error', reject);
					req.end(body);
				})
		);
		expect(got.status).toBe(413);
		expect(got.text).toContain('giới hạn 1 MB');
		expect(changed).toEqual([]);
	});

	it.each([
		['NUL bytes', '\u0000\u0000'],
		['a bell', 'Xin\u0007 chào'],
		['an escape sequence', '\u001b[31mđỏ'],
		['a line break', 'dòng 1\ndòng 2'],
		['DEL', 'a\u007fb'],
		['a right-to-left override', 'Xin \u202echào']
	])('a chat line with %s is refused with a message', async (_, text) => {
		const { got, changed } = await unchanged(() =>
			socketProbe(chair, 'chat:send', { sittingId: F.sitting, text })
		);
		expect(got.outcome).toBe('refused:bad-request');
		expect(got.text).toContain('ký tự điều khiển');
		expect(changed).toEqual([]);
	});

	it('an ordinary chat line still goes through', async () => {
		const { got, changed } = await unchanged(() =>
			socketProbe(chair, 'chat:send', { sittingId: F.sitting, text: 'Xin phát biểu ạ' })
		);
		expect(got.outcome).toBe('ok');
		expect(changed).toEqual(['meeting_chat']);
	});

	const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
	const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };
	const NAMES: [string, string, () => string, string][] = [
		['an account name', '/admin/users?/create', () => world.cookies.admin, 'name'],
		['an organisation name', '/producer/profile', () => world.cookies.producer, 'name'],
		['a representative', '/producer/profile', () => world.cookies.producer, 'representative'],
		['a product name', '/producer/products/new', () => world.cookies.producer, 'name'],
		['a council name', '/office/councils?/create', () => world.cookies.office, 'name']
	];
	const VALID: Record<string, Record<string, string>> = {
		'/admin/users?/create': { email: 'moi@t.vn', name: 'Tên', role: 'member', mode: 'invite' },
		'/producer/profile': {
			name: 'HTX',
			kind: 'cooperative',
			representative: 'Bà B',
			province: 'Đà Nẵng',
			commune: F.commune
		},
		'/producer/products/new': { name: 'Trà', kind: 'first', setNo: '7', sampleCount: '1' },
		'/office/councils?/create': {
			level: 'province',
			name: 'Hội đồng',
			authority: 'UBND',
			place: 'Huế',
			quorum: '1/2',
			maxSpread: '10'
		}
	};

	it.each(NAMES)(
		'%s with control characters is refused with a message',
		async (_, path, cookie, field) => {
			for (const bad of ['Tên\u0000', 'Tên\u001b[2J', 'Dòng 1\r\nDòng 2', 'a\u202eb', '\u0085x']) {
				const fields = { ...VALID[path], [field]: bad };
				const { got, changed } = await unchanged(() =>
					post(path, cookie(), form(fields), urlencoded)
				);
				expect(got.status, `${JSON.stringify(bad)} → ${got.status}`).toBe(400);
				expect(await got.text()).toContain('không được chứa ký tự điều khiển');
				expect(changed, JSON.stringify(bad)).toEqual([]);
			}
		}
	);
});
