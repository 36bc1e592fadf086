import { appContext } from '$lib/server/context';
import { sittingAccess } from '$lib/server/meeting/access';
import { refuseAsMissing } from '$lib/server/not-found';
import { sittingIcs } from '$lib/server/notifications/ics';
import { sittingInvitees } from '$lib/server/notifications/recipients';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

/**
 * The sitting's calendar invitation for whoever may enter it (council seats and presenters,
 * as the sitting's page itself), once its agenda is published; to everyone else it looks missing.
 */
export const GET: RequestHandler = guarded(({ params, locals }) => {
	const { db, config, now } = appContext();
	const user = locals.user!;
	const invitees = sittingInvitees(db, params.id);
	if (!invitees || invitees.sitting.state === 'draft' || !sittingAccess(db, params.id, user.id))
		refuseAsMissing(locals.locale);
	const url = `${config.origin}/sittings/${params.id}`;
	const body = sittingIcs({
		sittingId: params.id,
		userId: user.id,
		title: invitees.sitting.title,
		startsAt: invitees.sitting.startsAt,
		minutes: invitees.minutes,
		url,
		host: new URL(config.origin).hostname,
		now: now()
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8; method=PUBLISH',
			'content-disposition': 'attachment; filename="invite.ics"',
			'cache-control': 'private, no-store'
		}
	});
});
