// The recognition-decision form of the built app starts from the province template's decision
// signer (name, title, and the authority lines it prints under), the office may type someone
// else, and a refused form gives back what was typed rather than the template's values, the
// products ticked and their certificate numbers included. A template that names no signer is not
// said to fill the name in. Results of two provinces at once get no proposed signer: one
// province's would be a wrong guess.
import { localDate } from '../../src/lib/domain/working-days';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { councils, recognitionDecisions } from '../../src/lib/server/db/schema';
import { saveTemplate } from '../../src/lib/server/documents/template-store';
import { DEMO_TEMPLATE } from '../../src/lib/server/seed/demo-template';
import { useBuiltApp } from '../helpers/app-server';
import { postForm } from '../helpers/http-from';
import { lockProduct, seedWorld } from '../helpers/locked-results';
import { pdfText } from '../helpers/pdf-text';

const TEMPLATE_SIGNER = 'Trần Văn Phước';
const TEMPLATE_TITLE = 'PHÓ CHỦ TỊCH THƯỜNG TRỰC';
const all = (r: number | [number, number]) => [r, r, r, r];
const TEMPLATE = {
	...DEMO_TEMPLATE,
	signers: {
		...DEMO_TEMPLATE.signers,
		decision: {
			authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'],
			title: TEMPLATE_TITLE,
			name: TEMPLATE_SIGNER
		}
	}
};

const app = useBuiltApp({
	seed: (db) => {
		const now = Date.now();
		const world = seedWorld(db, now);
		saveTemplate(db, TEMPLATE, null, now);
		const four = lockProduct(db, world, {
			key: 'four',
			name: 'Snack chuối Bana',
			setNo: 7,
			ranks: all([1, 0]),
			closedAt: now
		});
		return { seq: four.seq, now, world };
	},
	timeoutMs: 120_000
});

const page = async (cookie: string) => {
	const res = await fetch(`${app.url}/office/decisions`, { headers: { cookie } });
	expect(res.status).toBe(200);
	return res.text();
};

/** The value an input of the form starts with, as the page's HTML gives it. */
function inputValue(html: string, name: string): string | null {
	const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
	if (!input) throw new Error(`no input ${name}`);
	return /value="([^"]*)"/.exec(input)?.[1] ?? null;
}

const record = (cookie: string, fields: Record<string, string>) =>
	postForm('127.0.0.1', `${app.url}/office/decisions?/record`, fields, { cookie });

describe('recognition decision form: the signer from the template', () => {
	it("starts from the province template's decision signer and shows its authority lines", async () => {
		const html = await page(app.signIn('w.office@ocop.test'));
		expect(inputValue(html, 'signer')).toBe(TEMPLATE_SIGNER);
		expect(inputValue(html, 'signerTitle')).toBe(TEMPLATE_TITLE);
		expect(html).toContain('TM. ỦY BAN NHÂN DÂN · KT. CHỦ TỊCH');
	});

	it('gives back what the office typed when the form is refused', async () => {
		const res = await record(app.signIn('w.office@ocop.test'), {
			decidedOn: '2026-02-30',
			signer: 'Lê Văn Tám',
			signerTitle: 'Chủ tịch',
			seq: String(app.seeded.seq)
		});
		expect(res.status).toBe(400);
		expect(res.body).toContain('Ngày ký không hợp lệ.');
		expect(inputValue(res.body, 'signer')).toBe('Lê Văn Tám');
		expect(inputValue(res.body, 'signerTitle')).toBe('Chủ tịch');
		expect(app.db.select().from(recognitionDecisions).all()).toHaveLength(0);
	});

	it('gives back the products ticked and their certificate numbers when refused', async () => {
		const seq = app.seeded.seq;
		// The day before the council locked the result: refused by the service, after parsing.
		const res = await record(app.signIn('w.office@ocop.test'), {
			decidedOn: localDate(app.seeded.now - 86_400_000),
			signer: 'Lê Văn Tám',
			signerTitle: 'Chủ tịch',
			seq: String(seq),
			[`cert-${seq}`]: '301/GCN-OCOP'
		});
		expect(res.status).toBe(400);
		expect(res.body).toContain('không được trước ngày Hội đồng khóa kết quả');
		const box = new RegExp(`<input[^>]*name="seq"[^>]*value="${seq}"[^>]*>`).exec(res.body)?.[0];
		expect(box).toMatch(/\bchecked\b/);
		expect(inputValue(res.body, `cert-${seq}`)).toBe('301/GCN-OCOP');
		expect(app.db.select().from(recognitionDecisions).all()).toHaveLength(0);
	});

	it('does not say the name is filled in when the template names no signer', async () => {
		const office = app.signIn('w.office@ocop.test');
		const withName = await page(office);
		expect(withName).toContain('chức vụ và người ký dưới đây (điền sẵn theo mẫu, có thể sửa)');
		// The demo's own template leaves the decision's signer blank.
		expect(DEMO_TEMPLATE.signers.decision.name).toBe('');
		saveTemplate(app.db, DEMO_TEMPLATE, null, app.seeded.now + 1);
		try {
			const html = await page(office);
			expect(inputValue(html, 'signer')).toBe('');
			expect(html).not.toContain('điền sẵn theo mẫu, có thể sửa');
			expect(html).toContain('mẫu không ghi tên người ký, hãy nhập tên người đã ký quyết định');
		} finally {
			saveTemplate(app.db, TEMPLATE, null, app.seeded.now + 2);
		}
	});

	it('records another signer the office typed, and the head signs without "KT."', async () => {
		const office = app.signIn('w.office@ocop.test');
		const res = await record(office, {
			number: '',
			// Today in Việt Nam: neither before the result's locking nor in the future.
			decidedOn: localDate(Date.now()),
			signer: 'Lê Văn Tám',
			signerTitle: 'Chủ tịch',
			seq: String(app.seeded.seq),
			[`cert-${app.seeded.seq}`]: '301/GCN-OCOP'
		});
		expect(res.status).toBe(200);
		const [decision] = app.db.select().from(recognitionDecisions).all();
		expect(decision).toMatchObject({ signer: 'Lê Văn Tám', signerTitle: 'Chủ tịch' });
		const pdf = await fetch(`${app.url}/office/decisions/${decision.id}/decision.pdf`, {
			headers: { cookie: office }
		});
		expect(pdf.status).toBe(200);
		const lines = pdfText(Buffer.from(await pdf.arrayBuffer()))
			.split('\n')
			.flatMap((l) => l.split(/\s{3,}/))
			.map((l) => l.trim());
		expect(lines).toEqual(
			expect.arrayContaining(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Lê Văn Tám'])
		);
		expect(lines).not.toContain('KT. CHỦ TỊCH');
		expect(lines).not.toContain(TEMPLATE_SIGNER);
	});

	it('proposes no signer when the waiting results belong to two provinces', async () => {
		const now = app.seeded.now + 10;
		const other = seedWorld(app.db, now, { prefix: 'q' });
		app.db
			.update(councils)
			.set({ place: 'Quảng Nam', authority: 'UBND tỉnh Quảng Nam' })
			.where(eq(councils.id, other.councilId))
			.run();
		const office = app.signIn('w.office@ocop.test');
		const mine = lockProduct(app.db, app.seeded.world, {
			key: 'mine',
			name: 'Trà thảo mộc Ngũ Hành',
			setNo: 7,
			ranks: all([1, 0]),
			closedAt: now + 1
		});
		lockProduct(app.db, other, {
			key: 'theirs',
			name: 'Chè Tiên Phước',
			setNo: 7,
			ranks: all([1, 0]),
			closedAt: now + 2
		});
		const html = await page(office);
		expect(html).toContain(`value="${mine.seq}"`);
		expect(html).toContain('Chè Tiên Phước');
		expect(inputValue(html, 'signer')).toBe('');
		expect(inputValue(html, 'signerTitle')).toBe('');
		expect(html).not.toContain(TEMPLATE_SIGNER);
	});
});
