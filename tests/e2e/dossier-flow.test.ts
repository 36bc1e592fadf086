import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MAX_FILE_BYTES } from '../../src/lib/server/uploads/limits';
import { launchBrowser, login } from '../helpers/browser';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useBuiltApp } from '../helpers/app-server';
import { hostile, samples } from '../helpers/upload-samples';

// Requests up to a little over the per-file limit reach the app, which answers with its own
// message; the adapter's 512 kB default would refuse real evidence files.
const app = useBuiltApp({
	seed: (db) => seedDemo(db, Date.now()),
	env: { BODY_SIZE_LIMIT: String(MAX_FILE_BYTES + 1024 * 1024) }
});
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	for (const c of contexts) await c.close();
	await browser?.close();
});

async function as(email: string): Promise<Page> {
	const context = await browser.newContext();
	contexts.push(context);
	const page = await context.newPage();
	await login(page, app.url, email);
	return page;
}

const state = { dossierId: '', fileId: '', sittingId: '', councilId: '' };

/**
 * Posts a file the way the upload component does, but with any name and bytes, from inside the
 * page (so the browser's own cookies and origin go with it).
 */
async function upload(page: Page, name: string, bytes: Uint8Array | number, leafCode: string) {
	return page.evaluate(
		async ({ dossierId, name, data, leafCode }) => {
			const form = new FormData();
			form.set('dossierId', dossierId);
			form.set('kind', 'evidence');
			form.set('leafCode', leafCode);
			form.set('returnTo', '/producer');
			// A number asks for a PDF of that size, built here rather than shipped through the driver.
			const body =
				typeof data === 'number'
					? new Uint8Array(data).fill(32).map((b, i) => (i < 5 ? '%PDF-'.charCodeAt(i) : b))
					: new Uint8Array(data);
			form.set('file', new File([body], name, { type: 'application/pdf' }));
			const res = await fetch('/files/upload', {
				method: 'POST',
				body: form,
				headers: { accept: 'application/json' }
			});
			return { status: res.status, body: (await res.json()) as { ok: boolean; message: string } };
		},
		{
			dossierId: state.dossierId,
			name,
			data: typeof bytes === 'number' ? bytes : [...bytes],
			leafCode
		}
	);
}

/** The status and headers of a GET made by the page itself. */
function fetchFrom(page: Page, path: string) {
	return page.evaluate(async (path) => {
		const res = await fetch(path);
		return { status: res.status, headers: Object.fromEntries(res.headers) };
	}, path);
}

describe('a dossier from the producer to a council member, in Chromium', () => {
	let producer: Page;

	it('the producer registers a product (Mẫu 01) from the searchable list of sets', async () => {
		producer = await as('htx.datquang@ocop.demo');
		await producer.getByRole('link', { name: 'Đăng ký sản phẩm (Mẫu 01)' }).click();
		await producer.getByLabel('Tên sản phẩm').fill('Chuối sấy dẻo Bana');
		await producer.getByTestId('set-search').fill('che bien tu rau');
		expect(await producer.getByTestId('set-chosen').isVisible()).toBe(false);
		await producer.locator('#set-select').selectOption('7');
		// A row of the list is one line, cut on a phone: the chosen set is said in full below it,
		// and read with the list.
		const chosen = producer.getByTestId('set-chosen');
		await expect
			.poll(() => chosen.textContent())
			.toBe(
				'Đã chọn: 7. Chế biến từ rau, củ, quả, hạt — Sản phẩm: Thực phẩm. Nhóm: Nông sản chế biến'
			);
		expect(await chosen.isVisible()).toBe(true);
		expect(await producer.locator('#set-select').getAttribute('aria-describedby')).toBe(
			'set-chosen'
		);
		await producer.getByLabel('Hình thức đăng ký').selectOption('first');
		await producer.getByLabel('Số lượng mẫu').fill('3');
		await Promise.all([
			producer.waitForURL(/\/producer\/dossiers\//),
			producer.getByRole('button', { name: 'Đăng ký và lập hồ sơ' }).click()
		]);
		state.dossierId = new URL(producer.url()).pathname.split('/').pop()!;
		expect(await producer.getByTestId('dossier-state').textContent()).toBe('Đang soạn');
	});

	it('self-assesses every criterion and sees the live total and provisional stars', async () => {
		const selects = producer.locator('select[name^="c:"]');
		const count = await selects.count();
		expect(count).toBeGreaterThan(20);
		for (let i = 0; i < count; i++) {
			const values = await selects
				.nth(i)
				.locator('option')
				.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
			await selects.nth(i).selectOption(values[1]); // the first option of the form
		}
		await expect.poll(() => producer.getByTestId('self-stars').count()).toBe(1);
		expect(await producer.getByTestId('self-figure').textContent()).toContain(`${count}/${count}`);
		// Each claim is said in full under its list (a closed list is cut on a phone), points included.
		expect(await producer.locator('[data-testid^="claim-"]').count()).toBe(count);
		const first = selects.first();
		const code = (await first.getAttribute('name'))!.slice(2);
		const option = await first.evaluate((s: HTMLSelectElement) => s.options[s.selectedIndex].text);
		const claim = (await producer.getByTestId(`claim-${code}`).innerText()).replace(/\s+/g, ' ');
		// The option's text without its star note, which the claim shows as the star badge.
		const [text, starNote] = option.split(' · ');
		expect(claim.startsWith(text.trim())).toBe(true);
		expect(claim).toMatch(/— \d+ điểm/);
		if (starNote) expect(claim).toContain('★');
	});

	it('uploads evidence with the progress component, and hostile files get a clear refusal', async () => {
		const first = producer.locator('[data-testid^="upload-"]').first();
		await first.locator('input[type=file]').setInputFiles({
			name: 'giay-chung-nhan.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from(samples.pdf.bytes)
		});
		await first.getByRole('button', { name: 'Tải lên' }).click();
		await expect
			.poll(() => first.getByTestId('upload-message').textContent())
			.toContain('Đã tải lên giay-chung-nhan.pdf');
		await expect.poll(() => producer.getByTestId('file-link').count()).toBe(1);
		state.fileId = (await producer.getByTestId('file-link').getAttribute('href'))!
			.split('/')
			.pop()!;

		// An HTML page renamed .pdf, through the same component.
		await first.locator('input[type=file]').setInputFiles({
			name: 'ho-so.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from(hostile.htmlAsPdf)
		});
		await first.getByRole('button', { name: 'Tải lên' }).click();
		await expect
			.poll(() => first.getByTestId('upload-message').textContent())
			.toContain('Tệp không phải PDF, JPEG, PNG hoặc WebP');
		// Too large: the component refuses before sending, naming the limit.
		// (The oversized file is made in the page: shipping 10 MB through the driver is slow.)
		await first.locator('input[type=file]').evaluate((input: HTMLInputElement, size) => {
			const dt = new DataTransfer();
			dt.items.add(new File([new Uint8Array(size)], 'lon.pdf', { type: 'application/pdf' }));
			input.files = dt.files;
		}, MAX_FILE_BYTES + 10);
		await first.getByRole('button', { name: 'Tải lên' }).click();
		await expect
			.poll(() => first.getByTestId('upload-message').textContent())
			.toBe('Tệp quá lớn: tối đa 10 MB mỗi tệp.');

		const leaf = (await first.locator('input[name=leafCode]').inputValue())!;
		const refused = [
			[hostile.jpegPdf, 'anh.jpg', 'Tệp chứa đồng thời nhiều định dạng nên bị từ chối.'],
			[hostile.svg, 'logo.svg', 'Tệp không phải PDF, JPEG, PNG hoặc WebP'],
			[samples.pdf.bytes, '../../../etc/passwd.pdf', 'Tên tệp không hợp lệ'],
			[MAX_FILE_BYTES + 10, 'lon.pdf', 'Tệp quá lớn: tối đa 10 MB mỗi tệp.']
		] as const;
		for (const [bytes, name, message] of refused) {
			const { status, body } = await upload(producer, name, bytes, leaf);
			expect(status).toBe(400);
			expect(body.ok).toBe(false);
			expect(body.message).toContain(message);
		}
		expect(await producer.getByTestId('file-link').count()).toBe(1);
	});

	it('serves the stored file only as a sandboxed attachment', async () => {
		const res = await fetchFrom(producer, `/files/${state.fileId}`);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/pdf');
		expect(res.headers['content-disposition']).toMatch(
			/^attachment; filename="giay-chung-nhan.pdf"/
		);
		expect(res.headers['x-content-type-options']).toBe('nosniff');
		expect(res.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
	});

	it('submits: the dossier is frozen and goes to the commune', async () => {
		await producer.getByTestId('submit-dossier').click();
		await producer.getByTestId('submitted').waitFor();
		await expect
			.poll(() => producer.getByTestId('dossier-state').textContent())
			.toBe('Đã nộp, chờ UBND xã');
		expect(await producer.getByTestId('frozen').count()).toBe(1);
		expect(await producer.locator('select[name^="c:"]').count()).toBe(0);
	});

	it('the commune records Mẫu 03 and forwards it to the province', async () => {
		const commune = await as('xa.queson@ocop.demo');
		await commune.getByRole('link', { name: 'Chuối sấy dẻo Bana' }).click();
		for (const label of [
			'Nguồn nguyên liệu tại địa phương',
			'Sử dụng lao động địa phương',
			'Nguồn gốc ý tưởng sản phẩm',
			'Tính đặc trưng, bản sắc địa phương',
			'Đề xuất của UBND xã'
		])
			await commune.getByLabel(label).fill('Đạt yêu cầu');
		await commune.getByTestId('forward').click();
		await commune.getByTestId('commune-done').waitFor();
		expect(await commune.getByTestId('dossier-state').textContent()).toBe('Đã chuyển tỉnh');
	});

	it('the office marks it ready, builds a council, a round and a sitting, and publishes the agenda', async () => {
		const office = await as('vanphong@ocop.demo');
		await office.goto(`${app.url}/office/dossiers?q=${encodeURIComponent('Chuối sấy')}`);
		await office.getByRole('link', { name: 'Chuối sấy dẻo Bana' }).click();
		// Not ready without the advisory team's report and the lab results: the page lists both,
		// and the refusal names them.
		expect(await office.getByTestId('ready-advisory-report').getAttribute('data-present')).toBe(
			'false'
		);
		await office.getByTestId('mark-ready').click();
		await expect
			.poll(() => office.getByTestId('form-error').textContent())
			.toContain('hồ sơ còn thiếu Báo cáo của Tổ tư vấn, Kết quả kiểm nghiệm');
		for (const [kind, name] of [
			['advisory-report', 'bao-cao-to-tu-van.pdf'],
			['lab-result', 'ket-qua-kiem-nghiem.pdf']
		] as const) {
			await office.getByLabel('Loại tài liệu').selectOption(kind);
			const upload = office.getByTestId(`upload-${kind}`);
			await upload.locator('input[type=file]').setInputFiles({
				name,
				mimeType: 'application/pdf',
				buffer: Buffer.from(samples.pdf.bytes)
			});
			await upload.getByRole('button', { name: 'Tải lên' }).click();
			await expect
				.poll(() => office.getByTestId(`ready-${kind}`).getAttribute('data-present'))
				.toBe('true');
		}
		await office.getByTestId('mark-ready').click();
		await office.getByTestId('marked-ready').waitFor();

		await office.goto(`${app.url}/office/councils`);
		await office.getByText('Thành lập Hội đồng').click();
		await office.getByLabel('Tên Hội đồng *').fill('Hội đồng thử nghiệm đợt bổ sung');
		await office.getByLabel('Cơ quan quyết định *').fill('UBND thành phố Đà Nẵng');
		await office.getByLabel('Địa danh (ghi trên văn bản) *').fill('Đà Nẵng');
		await Promise.all([
			office.waitForURL(/\/office\/councils\/[^/]+$/),
			office.getByRole('button', { name: 'Thành lập', exact: true }).click()
		]);
		state.councilId = new URL(office.url()).pathname.split('/').pop()!;
		for (const [email, role] of [
			['chutich@ocop.demo', 'chair'],
			['thanhvien1@ocop.demo', 'member'],
			['thanhvien2@ocop.demo', 'member']
		]) {
			// Each member row has its own edit form; the add form is the last one on the list.
			const add = office.locator('form[action="?/addMember"]');
			await add.getByLabel('Thư điện tử của thành viên').fill(email);
			await add.getByLabel('Vai trò trong Hội đồng').selectOption(role);
			await add.getByRole('button', { name: 'Thêm thành viên' }).click();
			await office.getByText(email).waitFor();
			expect(await add.getByLabel('Có quyền chấm điểm (biểu quyết)').isChecked()).toBe(true);
		}
		// Edit a member in place: thanhvien2 becomes vice-chair; a second chair is refused.
		const row = office.locator('tr', { hasText: 'thanhvien2@ocop.demo' });
		await row.getByLabel('Vai trò trong Hội đồng').selectOption('vice-chair');
		await row.getByRole('button', { name: 'Lưu' }).click();
		await office.getByRole('status').filter({ hasText: 'Đã lưu' }).waitFor();
		await office.reload();
		expect(
			await office
				.locator('tr', { hasText: 'thanhvien2@ocop.demo' })
				.getByLabel('Vai trò trong Hội đồng')
				.inputValue()
		).toBe('vice-chair');
		const second = office.locator('tr', { hasText: 'thanhvien1@ocop.demo' });
		await second.getByLabel('Vai trò trong Hội đồng').selectOption('chair');
		await second.getByRole('button', { name: 'Lưu' }).click();
		await office.getByTestId('form-error').waitFor();
		// A second round of the year: round 1 closes by 30/6, and this one's deadline is in December.
		await office.getByLabel('Đợt số').fill('2');
		await office.getByLabel('Tên đợt').fill('Đợt bổ sung');
		await office.getByLabel('Hạn nhận hồ sơ').fill('2026-12-20');
		await office.getByRole('button', { name: 'Tạo đợt đánh giá' }).click();
		// A list item: SvelteKit's route announcer also reads the council's title ("…đợt bổ sung · OCOP").
		await office.locator('li', { hasText: 'Đợt bổ sung ·' }).waitFor();
		await office.getByLabel('Tên phiên họp').fill('Phiên họp bổ sung');
		const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
		await office.getByLabel('Ngày họp').fill(soon);
		await office.getByRole('button', { name: 'Tạo phiên họp' }).click();
		await Promise.all([
			office.waitForURL(/\/office\/sittings\//),
			office.getByRole('link', { name: 'Phiên họp bổ sung' }).click()
		]);
		state.sittingId = new URL(office.url()).pathname.split('/').pop()!;
		await office.getByTestId('ready-dossier').selectOption(state.dossierId);
		await office.getByTestId('add-item').click();
		await expect.poll(() => office.getByTestId('agenda-item').count()).toBe(1);
		await office.getByTestId('publish').click();
		await office.getByTestId('published').waitFor();
		expect(await office.getByTestId('late-warning').count()).toBe(0);
		expect(await office.getByTestId('sitting-state').textContent()).toBe('Đã công bố chương trình');

		// Every step above is in the audit log, which the office reads.
		await office.goto(`${app.url}/office/audit?q=${state.dossierId}`);
		// Read in words; each row keeps the action as written in data-action.
		const rows = office.getByTestId('audit-row').locator('[data-action]');
		const actions = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
		expect(await rows.allTextContents()).toContain('Xã chuyển hồ sơ lên tỉnh');
		for (const action of [
			'product.register',
			'dossier.submit',
			'dossier.forward',
			'dossier.mark-ready',
			'dossier.schedule'
		])
			expect(actions).toContain(action);
	});

	it('a member of that council sees the sitting and reads the dossier and its files', async () => {
		const member = await as('thanhvien1@ocop.demo');
		const sitting = member.getByTestId('member-sitting').filter({ hasText: 'Phiên họp bổ sung' });
		expect(
			await sitting.getByRole('link', { name: 'Phiên họp bổ sung' }).getAttribute('href')
		).toBe(`/sittings/${state.sittingId}`);
		await Promise.all([
			member.waitForURL(/\/dossiers\//),
			sitting.getByRole('link', { name: 'Chuối sấy dẻo Bana' }).click()
		]);
		expect(await member.getByTestId('dossier-title').textContent()).toBe('Chuối sấy dẻo Bana');
		expect((await fetchFrom(member, `/files/${state.fileId}`)).status).toBe(200);
	});

	it('the producer sees the sitting and its slot; another producer and a non-member see nothing', async () => {
		await producer.goto(`${app.url}/producer`);
		const row = producer.getByTestId('own-dossier').filter({ hasText: 'Chuối sấy dẻo Bana' });
		expect(await row.getByTestId('own-slot').textContent()).toContain('Phiên họp bổ sung');
		// The way into the sitting is on the home page: the lobby, until their item is over.
		expect(await row.getByTestId('own-lobby').getAttribute('href')).toBe(
			`/sittings/${state.sittingId}`
		);
		for (const email of ['coso.quythu@ocop.demo', 'thanhvien7@ocop.demo']) {
			const other = await as(email);
			for (const path of [`/dossiers/${state.dossierId}`, `/files/${state.fileId}`]) {
				const res = await other.goto(`${app.url}${path}`);
				expect(res?.status()).toBe(404);
				expect(await other.content()).not.toContain('Chuối sấy dẻo Bana');
			}
		}
		const quythu = await as('coso.quythu@ocop.demo');
		expect((await quythu.goto(`${app.url}/producer/dossiers/${state.dossierId}`))?.status()).toBe(
			404
		);
		await quythu.goto(`${app.url}/producer`);
		expect(await quythu.getByTestId('own-dossier').count()).toBe(1);
		expect(await quythu.content()).not.toContain('Chuối sấy dẻo Bana');
	});
});

/** A session cookie for a demo account, signed in over plain HTTP. */
async function cookieFor(email: string): Promise<string> {
	const res = await fetch(`${app.url}/login`, {
		method: 'POST',
		headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: 'ocop-demo-2026' }),
		redirect: 'manual'
	});
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ocop_session='));
	if (!cookie) throw new Error(`no session for ${email}`);
	return cookie.split(';')[0];
}

const ROLE_EMAILS = {
	admin: 'admin@ocop.demo',
	office: 'vanphong@ocop.demo',
	member: 'thanhvien1@ocop.demo',
	producer: 'htx.datquang@ocop.demo',
	commune: 'xa.queson@ocop.demo'
} as const;
type Role = keyof typeof ROLE_EMAILS;

describe('every page and action of the dossier area refuses the roles it should (server side)', () => {
	const cookies = {} as Record<Role, string>;
	beforeAll(async () => {
		for (const [role, email] of Object.entries(ROLE_EMAILS))
			cookies[role as Role] = await cookieFor(email);
	});

	const d = () => state.dossierId;
	// path, method, the roles that may pass the gate
	const ROUTES: [() => string, 'GET' | 'POST', Role[]][] = [
		[() => '/producer', 'GET', ['producer']],
		[() => '/producer/profile', 'GET', ['producer']],
		[() => '/producer/profile', 'POST', ['producer']],
		[() => '/producer/products/new', 'GET', ['producer']],
		[() => '/producer/products/new', 'POST', ['producer']],
		[() => `/producer/dossiers/${d()}`, 'GET', ['producer']],
		[() => `/producer/dossiers/${d()}?/submit`, 'POST', ['producer']],
		[() => `/producer/dossiers/${d()}?/version`, 'POST', ['producer']],
		[() => '/commune', 'GET', ['commune']],
		[() => `/commune/dossiers/${d()}`, 'GET', ['commune']],
		[() => `/commune/dossiers/${d()}`, 'POST', ['commune']],
		[() => '/office/dossiers', 'GET', ['office', 'admin']],
		[() => `/office/dossiers/${d()}`, 'GET', ['office', 'admin']],
		[() => `/office/dossiers/${d()}?/ready`, 'POST', ['office', 'admin']],
		[() => `/office/dossiers/${d()}?/request`, 'POST', ['office', 'admin']],
		[() => '/office/councils', 'GET', ['office', 'admin']],
		[() => '/office/councils?/create', 'POST', ['office', 'admin']],
		[() => `/office/councils/${state.councilId}`, 'GET', ['office', 'admin']],
		[() => `/office/councils/${state.councilId}?/addMember`, 'POST', ['office', 'admin']],
		[() => `/office/sittings/${state.sittingId}`, 'GET', ['office', 'admin']],
		[() => `/office/sittings/${state.sittingId}?/publish`, 'POST', ['office', 'admin']],
		[() => `/office/sittings/${state.sittingId}?/conflict`, 'POST', ['office', 'admin']],
		[() => '/office/audit', 'GET', ['office', 'admin']],
		[() => '/member', 'GET', ['member']],
		[() => '/member?/conflict', 'POST', ['member']]
	];

	it('refuses with 403 (and sends anonymous people to the login page)', async () => {
		for (const [path, method, allowed] of ROUTES) {
			for (const role of [...Object.keys(ROLE_EMAILS), null] as (Role | null)[]) {
				const res = await fetch(`${app.url}${path()}`, {
					method,
					redirect: 'manual',
					headers: {
						origin: app.url,
						// A plain form post, as without JavaScript (otherwise SvelteKit answers JSON).
						accept: 'text/html',
						'content-type': 'application/x-www-form-urlencoded',
						...(role ? { cookie: cookies[role] } : {})
					},
					body: method === 'POST' ? '' : undefined
				});
				const where = `${method} ${path()} as ${role ?? 'anonymous'}`;
				if (role === null) expect(res.status, where).toBe(303);
				else if (!allowed.includes(role)) expect(res.status, where).toBe(403);
				else expect([200, 303, 400, 404], where).toContain(res.status);
			}
		}
	});

	it('files and uploads check the dossier, not only the role', async () => {
		const form = () => {
			const f = new FormData();
			f.set('dossierId', state.dossierId);
			f.set('kind', 'evidence');
			f.set('leafCode', '1.1');
			f.set('file', new Blob([samples.pdf.bytes]), 'a.pdf');
			return f;
		};
		for (const role of ['member', 'commune', 'office', 'admin', 'producer'] as Role[]) {
			const res = await fetch(`${app.url}/files/upload`, {
				method: 'POST',
				headers: { origin: app.url, accept: 'application/json', cookie: cookies[role] },
				body: form()
			});
			// The producer's dossier is frozen now; nobody else may add evidence at all.
			expect(res.status, role).toBe(403);
		}
		const anonymous = await fetch(`${app.url}/files/${state.fileId}`, { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
		const commune = await fetch(`${app.url}/files/${state.fileId}`, {
			headers: { cookie: cookies.commune }
		});
		expect(commune.status).toBe(200);
	});
});
