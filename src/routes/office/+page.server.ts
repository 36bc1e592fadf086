import { guarded } from '$lib/server/require-area';
import type { PageServerLoad } from './$types';

// The office's start page has no data of its own; the load exists so that the area is checked
// here too and not by the hook alone.
export const load: PageServerLoad = guarded(() => ({}));
