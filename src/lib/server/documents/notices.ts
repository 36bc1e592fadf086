// The notice of a result (thông báo kết quả) on demand: numbered once by the office's register,
// dated the day its number was issued, and readable by the office and by the producer that owns
// the product once the result is published.

import { eq } from 'drizzle-orm';
import type { AccountRole } from '../../domain/accounts';
import { getRubric } from '../../domain/rubrics';
import type { Q } from '../db/client';
import { documentRegister, dossiers, organizations, products } from '../db/schema';
import { getResult } from '../results/repository';
import type { NoticeInput } from './notice';
import { cachedRender } from './pdf-cache';
import { avg } from './pdf';
import { productCode } from './product-code';
import { issueNumber, reportCitation, vnYear } from './register';
import type { PdfRenderer } from './render-pool';
import { templateFor } from './templates';
import { vnDate } from '../results/figures';
import { outcomeLine, recordOutcome, starsLine } from './words';

type Reader = { id: string; role: AccountRole; organizationId?: string | null } | null;

/**
 * Who may read a result's notice: office staff and administrators from the moment it is locked;
 * the producer organisation whose product it is once the result is published; nobody else.
 */
export function mayReadNotice(db: Q, user: Reader, seq: number): boolean {
	if (!user) return false;
	if (user.role === 'office' || user.role === 'admin')
		return getResult(db, seq, { published: false }) !== null;
	if (user.role !== 'producer' || !user.organizationId) return false;
	const found = getResult(db, seq, { published: true });
	if (!found) return false;
	const owner = db
		.select({ org: products.organizationId })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(eq(dossiers.id, found.record.dossierId))
		.get()?.org;
	return owner === user.organizationId;
}

/**
 * A returned 5★ candidate is recognised at the level the province picked on the central result:
 * the notice says so beside the council's own result, never leaving "tiềm năng 5 sao" alone.
 */
function noticeStars(
	row: { outcome: string | null; decisionStars: number | null },
	record: { result: { stars: number | null }; level: string }
): string {
	const council = starsLine(record.result.stars, record.level);
	if (row.outcome !== 'recognized' || row.decisionStars === null) return council;
	if (row.decisionStars === record.result.stars) return council;
	return `${council}; công nhận ${row.decisionStars} sao theo kết quả của Hội đồng cấp trung ương`;
}

export async function noticeDocument(
	renderer: PdfRenderer,
	db: Q,
	seq: number,
	now = Date.now()
): Promise<{ pdf: Buffer; number: string } | null> {
	const found = getResult(db, seq, { published: false });
	if (!found) return null;
	const { row, record } = found;
	const template = templateFor(db, row);
	const subject = `notice:${seq}`;
	const { symbol } = issueNumber(db, {
		issuer: `office:${template.place}`,
		kind: 'TB',
		bodySymbol: template.office.symbol,
		year: vnYear(now),
		subject,
		now
	});
	const at =
		db
			.select({ at: documentRegister.issuedAt })
			.from(documentRegister)
			.where(eq(documentRegister.subject, subject))
			.get()?.at ?? now;
	const place = db
		.select({ dossier: dossiers.commune, org: organizations.commune })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.innerJoin(organizations, eq(organizations.id, products.organizationId))
		.where(eq(dossiers.id, record.dossierId))
		.get();
	// The notice says what was so on its own date, and says it the same way each time it is
	// printed: a decision signed after the notice (its number, the certificate, the level it
	// recognised) is not cited by it, which would date the notice before a text it rests on.
	const decided = row.decidedOn !== null && row.decidedOn <= vnDate(at) ? row : null;
	const outcome = decided?.outcome ?? recordOutcome(record);
	const input: NoticeInput = {
		template,
		number: symbol,
		at,
		rubricVersion: record.rubricVersion,
		productName: record.productName,
		productCode: productCode(db, template, record.dossierId, row.year, now),
		organization: row.organization,
		commune: place?.dossier ?? place?.org ?? null,
		productSet: `Bộ sản phẩm số ${record.productSetNo}: ${getRubric(record.rubricVersion, record.productSetNo).name}`,
		average: avg(record.result.average),
		stars: noticeStars(decided ?? { outcome: null, decisionStars: null }, record),
		outcome: outcomeLine(outcome, record.result.blocked),
		report: reportCitation(db, record, template.council.symbol, now),
		decision:
			decided?.decisionNumber && decided.decidedOn
				? { number: decided.decisionNumber, decidedOn: decided.decidedOn }
				: null,
		certificate:
			decided?.certificateNo && decided.expiresOn
				? { no: decided.certificateNo, expiresOn: decided.expiresOn }
				: null
	};
	const pdf = await cachedRender(renderer, { kind: 'notice', input });
	return { pdf, number: symbol };
}
