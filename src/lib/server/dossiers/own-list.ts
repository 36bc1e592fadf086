import { and, count, desc, eq } from 'drizzle-orm';
import type { Q } from '../db/client';
import { dossiers, products } from '../db/schema';
import type { ListFilter } from './review';
import { textMatches } from '../db/search';

/** The organisation's dossiers, newest version first per product. */
/** The organisation's own dossiers, searchable by product name and filterable by state. */
export function listOwnDossiers(db: Q, orgId: string, filter: ListFilter) {
	const where = and(
		eq(products.organizationId, orgId),
		filter.state ? eq(dossiers.state, filter.state) : undefined,
		filter.q ? textMatches(filter.q, products.name) : undefined
	);
	const rows = db
		.select({
			id: dossiers.id,
			version: dossiers.version,
			state: dossiers.state,
			product: products.name,
			setNo: products.productSetNo,
			productId: products.id,
			returnReason: dossiers.returnReason,
			updatedAt: dossiers.updatedAt
		})
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(where)
		.orderBy(products.name, desc(dossiers.version))
		.limit(filter.limit)
		.offset(filter.offset)
		.all();
	const total = db
		.select({ n: count() })
		.from(dossiers)
		.innerJoin(products, eq(products.id, dossiers.productId))
		.where(where)
		.get()!.n;
	return { rows, total };
}
