// Forms sent from another site, and methods a page does not take, as the built app answers them
// (src/lib/server/form-origin.ts): refused with the app's page in the reader's language, nothing
// changed. SvelteKit's own check answered in English plain text before any hook. Needs the build.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { conflicts } from '../../src/lib/server/db/schema';
import { useBuiltApp } from '../helpers/app-server';
import { ROLE_EMAILS, seedTour } from '../helpers/page-tour';

const ITEM = 'demo-item-2';
const app = useBuiltApp({ seed: seedTour });
let cookie = '';

beforeAll(() => {
	cookie = app.signIn(ROLE_EMAILS.member);
});

function declare(init: {
	origin?: string | null;
	type?: string;
	method?: string;
	accept?: string;
}) {
	const headers: Record<string, string> = { cookie, accept: init.accept ?? 'text/html' };
	if (init.origin !== null) headers.origin = init.origin ?? app.url;
	const type = init.type ?? 'application/x-www-form-urlencoded';
	headers['content-type'] = type;
	const body = type.startsWith('multipart/')
		? '--b\r\nContent-Disposition: form-data; name="itemId"\r\n\r\n' +
			`${ITEM}\r\n--b\r\nContent-Disposition: form-data; name="reason"\r\n\r\nngười thân\r\n--b--\r\n`
		: `itemId=${ITEM}&reason=${encodeURIComponent('người thân')}`;
	return fetch(`${app.url}/member?/conflict`, {
		method: init.method ?? 'POST',
		headers,
		body,
		redirect: 'manual'
	});
}

const declared = () =>
	app.db.select().from(conflicts).where(eq(conflicts.itemId, ITEM)).all().length;

describe('a form sent from another site', () => {
	it.each([
		['a foreign origin', { origin: 'http://evil.example' }],
		['no Origin header', { origin: null }],
		['Origin: null (a sandboxed frame)', { origin: 'null' }],
		['the same host on another port', { origin: 'http://127.0.0.1:1' }],
		[
			'multipart, any case',
			{ origin: 'http://evil.example', type: 'Multipart/Form-Data; boundary=b' }
		],
		[
			'text/plain with a charset',
			{ origin: 'http://evil.example', type: 'text/plain;charset=UTF-8' }
		],
		['PUT', { origin: 'http://evil.example', method: 'PUT' }],
		['DELETE', { origin: 'http://evil.example', method: 'DELETE' }]
	])('%s: refused in Vietnamese, nothing recorded', async (_name, init) => {
		const before = declared();
		const r = await declare(init);
		expect(r.status).toBe(403);
		expect(r.headers.get('content-type')).toMatch(/^text\/html/);
		const html = await r.text();
		expect(html).toContain('<html lang="vi">');
		expect(html).toContain('Biểu mẫu được gửi từ một trang khác');
		expect(html).not.toMatch(/Cross-site|forbidden/i);
		// The app's own headers are on the refusal too.
		expect(r.headers.get('x-frame-options')).toBe('DENY');
		expect(declared()).toBe(before);
	});

	it.each(['/member/?/conflict', '/member/%2e?/conflict', '/office/councils/%2e%2e?/settings'])(
		'a respelled path %s: refused there, not redirected to be posted again',
		async (path) => {
			const before = declared();
			const r = await fetch(app.url + path, {
				method: 'POST',
				headers: {
					cookie,
					origin: 'http://evil.example',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: `itemId=${ITEM}&reason=x`,
				redirect: 'manual'
			});
			expect(r.status).toBe(403);
			expect(r.headers.get('location')).toBeNull();
			expect(await r.text()).toContain('Biểu mẫu được gửi từ một trang khác');
			expect(r.headers.get('x-frame-options')).toBe('DENY');
			expect(declared()).toBe(before);
		}
	);

	it("a script asking for JSON gets JSON, in the reader's language (English when chosen)", async () => {
		const r = await fetch(`${app.url}/member?/conflict`, {
			method: 'POST',
			headers: {
				cookie: `${cookie}; ocop_lang=en`,
				origin: 'http://evil.example',
				accept: 'application/json',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: `itemId=${ITEM}&reason=x`
		});
		expect(r.status).toBe(403);
		const body = await r.json();
		expect(body.error.key).toBe('errors.crossSiteForm');
		expect(body.error.message).toMatch(/^The form was sent from another site/);
	});

	it('signing in from another address than the app’s: the same page, no session', async () => {
		const r = await fetch(`${app.url}/login`, {
			method: 'POST',
			headers: {
				origin: 'http://localhost:1',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: `email=${encodeURIComponent(ROLE_EMAILS.member)}&password=ocop-demo-2026`,
			redirect: 'manual'
		});
		expect(r.status).toBe(403);
		expect(r.headers.getSetCookie().join()).not.toMatch(/ocop_session=[^;]/);
		expect(await r.text()).toContain('Biểu mẫu được gửi từ một trang khác');
	});

	it('the same form from the app itself goes through', async () => {
		const before = declared();
		const r = await declare({});
		expect(r.status).toBeLessThan(400);
		expect(declared()).toBe(before + 1);
	});

	it('a JSON body is not a form: it reaches the action, which refuses it in its own words', async () => {
		const before = declared();
		const r = await declare({ origin: 'http://evil.example', type: 'application/json' });
		expect(r.status).not.toBe(403);
		expect(declared()).toBe(before);
	});
});

describe('a method a page does not take', () => {
	it('PUT on a page: 405 with Allow, the app’s page in Vietnamese', async () => {
		const r = await fetch(`${app.url}/results`, { method: 'PUT', headers: { origin: app.url } });
		expect(r.status).toBe(405);
		expect(r.headers.get('allow')).toMatch(/GET/);
		const html = await r.text();
		expect(html).toContain('<html lang="vi">');
		expect(html).toContain('Địa chỉ này không nhận thao tác');
		expect(html).not.toMatch(/method not allowed/i);
	});
});

describe('an action a page does not have', () => {
	it("asked by a script: 404 in the reader's language, not SvelteKit's English", async () => {
		for (const [lang, words] of [
			['vi', 'Trang bạn tìm không tồn tại'],
			['en', 'does not exist']
		] as const) {
			const r = await fetch(`${app.url}/member?/nope`, {
				method: 'POST',
				headers: {
					cookie: `${cookie}; ocop_lang=${lang}`,
					origin: app.url,
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: 'x=1'
			});
			expect(r.status).toBe(404);
			const body = await r.json();
			expect(body.error.message).toContain(words);
			expect(body.error.message).not.toBe('Not Found');
		}
	});
});
