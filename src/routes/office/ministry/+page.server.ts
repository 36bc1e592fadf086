import { fail } from '@sveltejs/kit';
import { translator, type Locale } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { importCandidate, receivedCandidates } from '$lib/server/ministry/central';
import { uploadedPackage } from '$lib/server/ministry/http';
import { formFailure } from '$lib/server/refusal-kit';
import { forwardCandidates, importAnswer } from '$lib/server/ministry/province';
import { guarded } from '$lib/server/require-area';
import type { Actions, PageServerLoad } from './$types';

/**
 * A form of the other level's page: said on the page as any invalid form is (400: the office may
 * read this page; the request, not the person, is wrong for this deployment).
 */
const wrongLevel = (locale: Locale) =>
	fail(400, { message: translator(locale)('ministry.errors.wrongLevel') });

export const load: PageServerLoad = guarded(() => {
	const { db, config } = appContext();
	const level = config.ministry.level;
	return {
		level,
		candidates: level === 'province' ? forwardCandidates(db) : [],
		received: level === 'central' ? receivedCandidates(db) : []
	};
});

export const actions: Actions = {
	/** Central: a province's 5★ candidate becomes a dossier for the central council. */
	receive: guarded(async ({ request, locals }) => {
		const { db, config, now } = appContext();
		if (config.ministry.level !== 'central') return wrongLevel(locals.locale);
		const bytes = await uploadedPackage(request, locals.locale);
		if (!(bytes instanceof Uint8Array)) return bytes;
		try {
			const done = importCandidate(
				db,
				{ uploadDir: config.uploadDir, trusted: config.ministry.trustedKeys },
				bytes,
				locals.user!.id,
				now()
			);
			return { received: done.productName, dossierId: done.dossierId };
		} catch (e) {
			const failure = formFailure(e, locals.locale);
			if (failure) return failure;
			throw e;
		}
	}),
	/** Province: the central council's answer on a candidate this province sent. */
	answer: guarded(async ({ request, locals }) => {
		const { db, config, now } = appContext();
		if (config.ministry.level !== 'province') return wrongLevel(locals.locale);
		const bytes = await uploadedPackage(request, locals.locale);
		if (!(bytes instanceof Uint8Array)) return bytes;
		try {
			const done = importAnswer(db, config.ministry.trustedKeys, bytes, locals.user!.id, now());
			const t = translator(locals.locale);
			return { answered: t(`ministry.outcome.${done.outcome}`), seq: done.seq };
		} catch (e) {
			const failure = formFailure(e, locals.locale);
			if (failure) return failure;
			throw e;
		}
	})
};
