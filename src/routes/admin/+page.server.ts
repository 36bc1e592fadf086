import { sql } from 'drizzle-orm';
import { users } from '$lib/server/db/schema';
import { appContext } from '$lib/server/context';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(() => {
	const { db } = appContext();
	const counts = db
		.select({ role: users.role, n: sql<number>`count(*)` })
		.from(users)
		.groupBy(users.role)
		.all();
	return { counts };
});
