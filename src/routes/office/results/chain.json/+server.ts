import { asc } from 'drizzle-orm';
import { appContext } from '$lib/server/context';
import { lockedResults } from '$lib/server/db/schema';
import { fileResponse } from '$lib/server/documents/http';
import { bundleJson, issueBundle } from '$lib/server/exports/bundle';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

/** The whole chain in order, one array: `ocop verify` checks every record and every link. */
export const GET: RequestHandler = guarded(() => {
	const { db } = appContext();
	const records = db
		.select({ record: lockedResults.record })
		.from(lockedResults)
		.orderBy(asc(lockedResults.seq))
		.all()
		.map((r) => r.record);
	return fileResponse(
		bundleJson(issueBundle(db, records)),
		'application/json; charset=utf-8',
		'ocop-chain.json'
	);
});
