// The office changes who signs through the templates form of the built app, and the decision and
// certificate it then serves read the new lines back (pdftotext); the change is in the audit log.
// Whoever else posts the form, or the office after logging out, changes nothing.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../src/lib/server/accounts';
import type { Db } from '../../src/lib/server/db/client';
import { auditLog, decisionItems } from '../../src/lib/server/db/schema';
import { templateValues } from '../../src/lib/server/documents/template-form';
import { DEMO_TEMPLATE } from '../../src/lib/server/seed/demo-template';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { useBuiltApp } from '../helpers/app-server';
import { postForm } from '../helpers/http-from';
import { cookieFor } from '../helpers/ministry-world';
import { pdfText } from '../helpers/pdf-text';

const app = useBuiltApp({ seed: (db) => seedDemo(db, Date.now()) });
let db: Db;
let office: string;
let seq: number;
const DECISION = '/office/decisions/demo-decision-2026-1/decision.pdf';

beforeAll(async () => {
	db = app.db;
	office = cookieFor(db, findUserByEmail(db, 'vanphong@ocop.demo')!.id);
	seq = db
		.select()
		.from(decisionItems)
		.where(eq(decisionItems.decisionId, 'demo-decision-2026-1'))
		.get()!.seq;
});
const save = (cookie: string, changes: Record<string, string>) =>
	postForm(
		'127.0.0.1',
		`${app.url}/office/templates?/save`,
		{
			...templateValues(DEMO_TEMPLATE),
			...changes
		},
		{ cookie }
	);

/** The signer lines of a served PDF: each line of its text, split where columns meet. */
async function pdfLines(path: string, cookie = office): Promise<string[]> {
	const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
	expect(res.status, path).toBe(200);
	return pdfText(Buffer.from(await res.arrayBuffer()))
		.split('\n')
		.flatMap((l) => l.split(/\s{3,}/))
		.map((l) => l.trim())
		.filter(Boolean);
}

const templateAudits = () =>
	db
		.select()
		.from(auditLog)
		.all()
		.filter((e) => e.action.startsWith('template.'));

describe('office templates form', () => {
	it('a new signer title reaches the decision and the certificate, and the audit log', async () => {
		for (const path of [DECISION, `/results/${seq}/certificate.pdf`])
			expect(await pdfLines(path)).toEqual(
				expect.arrayContaining(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'])
			);
		const res = await save(office, { 'signers.decision.title': 'Phó Chủ tịch Thường trực' });
		expect(res.status).toBe(200);
		expect(res.body).toContain('Đã lưu mẫu văn bản của Đà Nẵng (1 mục thay đổi');
		for (const path of [DECISION, `/results/${seq}/certificate.pdf`]) {
			const lines = await pdfLines(path);
			expect(lines).toEqual(
				expect.arrayContaining(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH THƯỜNG TRỰC'])
			);
			expect(lines).toContain('Trần Văn Phước'); // the signer the decision recorded
		}
		const audit = await fetch(`${app.url}/office/audit?q=template`, {
			headers: { cookie: office }
		});
		const page = await audit.text();
		expect(page).toContain('template.update');
		expect(page).toContain('vanphong@ocop.demo'); // who
		expect(page).toContain('PHÓ CHỦ TỊCH THƯỜNG TRỰC');
		expect(templateAudits()).toHaveLength(1);
	});

	it('refuses bad input with a message and changes nothing', async () => {
		const res = await save(office, {
			'signers.decision.title': 'Khác',
			'council.symbol': 'hđ-ocop'
		});
		expect(res.status).toBe(400);
		expect(res.body).toContain('Mẫu chưa được lưu');
		expect(await pdfLines(DECISION)).toContain('PHÓ CHỦ TỊCH THƯỜNG TRỰC');
		expect(templateAudits()).toHaveLength(1);
	});

	it('changes nothing for a member, a producer, nobody, or the office after logout', async () => {
		const change = { 'signers.decision.title': 'Chủ tịch giả mạo' };
		const member = cookieFor(db, findUserByEmail(db, 'thanhvien1@ocop.demo')!.id);
		const producer = cookieFor(db, findUserByEmail(db, 'htx.datquang@ocop.demo')!.id);
		expect((await save(member, change)).status).toBe(403);
		expect((await save(producer, change)).status).toBe(403);
		expect((await save('', change)).status).toBe(303);
		const out = await postForm('127.0.0.1', `${app.url}/logout`, {}, { cookie: office });
		expect(out.status).toBe(303);
		const replay = await save(office, change);
		expect(replay.status).toBe(303);
		expect(String(replay.headers.location)).toContain('/login');
		expect(templateAudits()).toHaveLength(1);
		const fresh = cookieFor(db, findUserByEmail(db, 'vanphong@ocop.demo')!.id);
		const lines = await pdfLines(DECISION, fresh);
		expect(lines).toContain('PHÓ CHỦ TỊCH THƯỜNG TRỰC');
		expect(lines).not.toContain('CHỦ TỊCH GIẢ MẠO');
	});
});
