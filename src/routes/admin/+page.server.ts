import { sql } from 'drizzle-orm';
import { users } from '$lib/server/db/schema';
import { appContext } from '$lib/server/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { db } = appContext();
	const counts = db
		.select({ role: users.role, n: sql<number>`count(*)` })
		.from(users)
		.groupBy(users.role)
		.all();
	return { counts };
};
