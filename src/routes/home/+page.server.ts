import { redirect } from '@sveltejs/kit';
import { HOME_OF } from '$lib/server/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	redirect(303, locals.user ? HOME_OF[locals.user.role] : '/login');
};
