// The office's province templates: the form's checks (each problem named per field, nothing
// stored while there is one) and the documents reading what the office saved, commune codes
// included.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import { dossiers } from '../../src/lib/server/db/schema';
import { noticeDocument } from '../../src/lib/server/documents/notices';
import {
	formValues,
	parseTemplate,
	templateValues
} from '../../src/lib/server/documents/template-form';
import { saveTemplate } from '../../src/lib/server/documents/template-store';
import { templateFor } from '../../src/lib/server/documents/templates';
import { DEMO_TEMPLATE } from '../../src/lib/server/seed/demo-template';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';
import { flatText, pdfText } from '../helpers/pdf-text';
import { testRenderer } from '../helpers/render-pool';

const renderer = testRenderer();
afterAll(() => renderer.close());

let ctx: TestContext;
let world: World;
const council = { place: 'Đà Nẵng', authority: 'UBND thành phố Đà Nẵng' };

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
});
afterAll(() => ctx.cleanup());

const problems = (changes: Record<string, string>) => {
	const r = parseTemplate({ ...templateValues(DEMO_TEMPLATE), ...changes });
	return r.problems.map((p) => `${p.field}:${p.key}`);
};

describe('template form', () => {
	it('gives back the template it shows', () => {
		expect(parseTemplate(templateValues(DEMO_TEMPLATE))).toEqual({
			template: DEMO_TEMPLATE,
			problems: []
		});
	});

	it('names each bad field, in words the office reads in both languages', () => {
		expect(problems({ place: '  ' })).toEqual(['place:required']);
		expect(problems({ 'council.symbol': 'hđ-ocop' })).toEqual(['council.symbol:symbol']);
		expect(problems({ provinceCode: '4a' })).toEqual(['provinceCode:code']);
		expect(problems({ communeCodes: 'Xã Quế Sơn = 20500\nXã Duy Xuyên 20600' })).toEqual([
			'communeCodes:communeLine'
		]);
		expect(problems({ communeCodes: 'Xã A = 1\nXã A = 2' })).toEqual(['communeCodes:communeTwice']);
		expect(problems({ 'recipients.notice': 'Chủ thể OCOP\nUBND xã' })).toEqual([
			'recipients.notice:archiveLast'
		]);
		expect(problems({ 'recipients.minutes': '' })).toEqual(['recipients.minutes:required']);
		expect(problems({ 'signers.notice.title': 'x'.repeat(201) })).toEqual([
			'signers.notice.title:tooLong'
		]);
		expect(problems({ reportTo: 'Chủ tịch\u0000' })).toEqual(['reportTo:control']);
		// The bidi overrides and isolates and the C1 controls, in a line and in a list's line.
		for (const bad of ['Nguyễn \u202EnăV', 'a\u2066b', '\u0085x', 'Chủ\ttịch']) {
			expect(problems({ 'signers.decision.name': bad })).toEqual(['signers.decision.name:control']);
			expect(problems({ 'recipients.report': `Như trên\n${bad}\nLưu: VT` })).toEqual([
				'recipients.report:control'
			]);
		}
		expect(problems({ 'recipients.report': Array(31).fill('Lưu: VT').join('\n') })).toEqual([
			'recipients.report:tooManyLines'
		]);
		for (const locale of ['vi', 'en'] as const) {
			const t = translator(locale);
			for (const key of ['required', 'symbol', 'communeLine', 'archiveLast', 'summary'])
				expect(t(`templates.errors.${key}`)).not.toContain('templates.');
		}
		expect(translator('vi')('templates.errors.archiveLast')).toContain('Lưu: VT');
	});

	it('refuses a doubled field or a file in place of text', () => {
		const doubled = new FormData();
		doubled.append('place', 'Đà Nẵng');
		doubled.append('place', 'Huế');
		expect(formValues(doubled)).toBeNull();
		const file = new FormData();
		file.append('place', new Blob(['x']), 'a.txt');
		expect(formValues(file)).toBeNull();
	});
});

describe('documents read the saved template', () => {
	it('signer, recipients and commune codes come from what the office saved', async () => {
		const { seq } = lockProduct(ctx.db, world, {
			key: 'mien',
			name: 'Miến dong Quế Sơn',
			setNo: 7,
			ranks: [0, 0, 0, 0],
			closedAt: ctx.now()
		});
		ctx.db
			.update(dossiers)
			.set({ commune: 'Xã Duy Xuyên' })
			.where(eq(dossiers.id, 'dossier-mien'))
			.run();
		const r = parseTemplate({
			...templateValues(DEMO_TEMPLATE),
			communeCodes: 'Xã Quế Sơn = 20500\nXã Duy Xuyên = 20610',
			'signers.notice.name': 'Võ Văn Hưng',
			'signers.notice.title': 'Giám đốc',
			'signers.notice.authority': '',
			'recipients.notice': '- Chủ thể OCOP;\n- Lưu: VT, KHTC.'
		});
		saveTemplate(ctx.db, r.template!, world.officeId, ctx.now());
		expect(templateFor(ctx.db, council).communeCodes['Xã Duy Xuyên']).toBe('20610');
		const doc = (await noticeDocument(renderer, ctx.db, seq, ctx.now()))!;
		const t = pdfText(doc.pdf);
		expect(flatText(doc.pdf)).toContain('48-20610-001-2026');
		expect(t).toContain('GIÁM ĐỐC');
		expect(t).not.toContain('KT. GIÁM ĐỐC');
		expect(t).toContain('Võ Văn Hưng');
		expect(t).toContain('- Chủ thể OCOP;');
		expect(t).toContain('- Lưu: VT, KHTC.');
		// A place without a template gets the generic frame, with no product codes.
		expect(
			templateFor(ctx.db, { place: 'Huế', authority: 'UBND thành phố Huế' }).provinceCode
		).toBe('');
	});
});
