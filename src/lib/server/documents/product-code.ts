// Mã sản phẩm OCOP `(T)-(X)-(STT)-(YYYY)` (DOCUMENTS.md): province code, commune code, the
// commune's running number of the product, and the evaluation year. The running number comes
// from the document register, so a commune's number is never given to two products; a product
// keeps the number it was first given.

import { eq, inArray, sql } from 'drizzle-orm';
import type { Q } from '../db/client';
import { documentRegister, dossiers, organizations, products } from '../db/schema';
import { issueNumber } from './register';
import type { ProvinceTemplate } from './templates';

/** The product's code, or null while its province or commune has no code in the template. */
export function productCode(
	db: Q,
	template: ProvinceTemplate,
	dossierId: string,
	year: number,
	now = Date.now()
): string | null {
	const row = db
		.select({ productId: products.id, dossier: dossiers.commune, org: organizations.commune })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.innerJoin(organizations, eq(organizations.id, products.organizationId))
		.where(eq(dossiers.id, dossierId))
		.get();
	const commune = row?.dossier ?? row?.org ?? null;
	const x = commune ? template.communeCodes[commune] : undefined;
	if (!row || !x || !template.provinceCode) return null;
	const prefix = `${template.provinceCode}-${x}`;
	// Year 0: a commune's running number does not restart each year.
	const issued = issueNumber(db, {
		issuer: `product-code:${prefix}`,
		kind: 'SP',
		bodySymbol: prefix,
		year: 0,
		subject: `product-code:${row.productId}`,
		now,
		format: (n) => `${prefix}-${String(n).padStart(3, '0')}`
	});
	return `${issued.symbol}-${year}`;
}

/**
 * The codes already issued to the products of these dossiers, by dossier id, without the year
 * (`T-X-STT`; the code of a result adds its evaluation year). Read only: a list or an export
 * shows the codes the documents gave, and issues none.
 */
export function issuedCodePrefixes(db: Q, dossierIds: readonly string[]): Map<string, string> {
	if (!dossierIds.length) return new Map();
	const rows = db
		.select({ dossierId: dossiers.id, symbol: documentRegister.symbol })
		.from(dossiers)
		.innerJoin(
			documentRegister,
			eq(documentRegister.subject, sql`'product-code:' || ${dossiers.productId}`)
		)
		.where(inArray(dossiers.id, [...new Set(dossierIds)]))
		.all();
	return new Map(rows.map((r) => [r.dossierId, r.symbol]));
}
