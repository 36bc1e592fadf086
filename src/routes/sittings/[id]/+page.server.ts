import { error, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { inSession } from '$lib/domain/meeting';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { sittings } from '$lib/server/db/schema';
import { sittingHeld } from '$lib/domain/meeting';
import { sittingAccess } from '$lib/server/meeting/access';
import { snapshotFor } from '$lib/server/meeting/state';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

/**
 * The live sitting: council members, chair and secretary enter; a producer named on one of its
 * items sees the lobby until called; everyone else gets 403 and no data. The page comes with the
 * sitting as it is now (the same snapshot, and the same lobby rule, as the socket's join), so a
 * phone shows the agenda, the floor and the people at once rather than after its socket has
 * connected; the socket then keeps it live, and checks again on every command.
 */
export const load: PageServerLoad = guarded(({ params, locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const { db, config, now } = appContext();
	const who = sittingAccess(db, params.id, locals.user.id);
	if (!who) {
		const t = translator(locals.locale);
		error(403, { message: t('errors.forbiddenTitle'), key: 'errors.forbiddenTitle' });
	}
	const sitting = db
		.select({ title: sittings.title, state: sittings.state, openedAt: sittings.openedAt })
		.from(sittings)
		.where(eq(sittings.id, params.id))
		.get()!;
	return {
		sittingId: params.id,
		title: sitting.title,
		// The minutes exist once the sitting has been held; the link shows from the next load.
		minutes: sittingHeld(sitting),
		role: who.role,
		// The header names the seat here (chair, secretary…), not only the kind of account.
		seat: who.role,
		// An adjourned sitting still opens, to be read: chat and hands are closed there.
		inSession: inSession(who.sittingState),
		userName: locals.user.name,
		snapshot: snapshotFor(db, who, now(), {
			videoConfigured: !!config.livekit,
			present: locals.live.present(params.id)
		})
	};
});
