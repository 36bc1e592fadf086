import { redirect } from '@sveltejs/kit';
import { HOME_OF } from '$lib/server/access';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(({ locals }) => {
	redirect(303, locals.user ? HOME_OF[locals.user.role] : '/login');
});
