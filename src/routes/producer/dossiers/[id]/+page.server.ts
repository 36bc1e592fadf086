import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import { attempt, loadOr404 } from '$lib/server/refusal-kit';
import { saveSelfAssessment } from '$lib/server/dossiers/self-assessment';
import { startNewVersion, submitDossier } from '$lib/server/dossiers/lifecycle';
import { certificateInForce } from '$lib/server/certificates/renewal';
import { answerRequest } from '$lib/server/dossiers/review';
import { dossierView, publishedResultOf } from '$lib/server/dossiers/view';
import { removeUpload } from '$lib/server/uploads/store';
import { MAX_DOSSIER_BYTES, MAX_FILE_BYTES, megabytes } from '$lib/server/uploads/limits';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';
import { refuse } from '$lib/server/refusal';

export const load: PageServerLoad = guarded(({ params, locals, url }) => {
	const { db, now } = appContext();
	const view = loadOr404(() => {
		const v = dossierView(db, locals.user!, params.id);
		// The read view is shared; this page is the owner's workbench only.
		if (v.organization.id !== locals.user!.organizationId)
			refuse('not-found', 'dossier.errors.notFound');
		return v;
	}, locals.locale);
	const cert = certificateInForce(db, view.product.id, view.organization.id, now());
	return {
		view,
		// No new version while the product's certificate is in force (the action checks again).
		inForce: cert
			? {
					certificateNo: cert.certificateNo,
					expiresOn: cert.expiresOn,
					opens: cert.standing.windowOpens
				}
			: null,
		// The notice of a published result; the route checks again who reads it.
		noticeSeq: publishedResultOf(db, params.id)?.seq ?? null,
		maxBytes: MAX_FILE_BYTES,
		limits: { file: megabytes(MAX_FILE_BYTES), dossier: megabytes(MAX_DOSSIER_BYTES) },
		uploaded: url.searchParams.get('uploaded'),
		uploadError: url.searchParams.get('uploadError')
	};
});

/** The set-26 case field; absent (another product set) leaves the stored case as it is. */
function caseOf(form: FormData): string | undefined {
	const v = form.get('serviceCase');
	return typeof v === 'string' ? v : undefined;
}

/** `c:<leaf code>` fields of the form; an empty select means "not answered yet". */
function choicesOf(form: FormData): Record<string, number> | null {
	const choices: Record<string, number> = {};
	for (const [key, value] of form) {
		if (!key.startsWith('c:') || value === '') continue;
		const n = Number(value);
		if (!Number.isInteger(n)) return null;
		choices[key.slice(2)] = n;
	}
	return choices;
}

export const actions: Actions = {
	save: guarded(async ({ request, params, locals }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const choices = choicesOf(form);
		if (!choices) return fail(400, { message: t('dossier.errors.badChoice', { code: '?' }) });
		const { db, now } = appContext();
		const r = attempt(locals.locale, {}, () =>
			saveSelfAssessment(db, locals.user!, params.id, choices, now(), caseOf(form))
		);
		return r ?? { saved: true };
	}),
	submit: guarded(async ({ request, params, locals }) => {
		const form = await request.formData();
		const choices = choicesOf(form);
		const serviceCase = caseOf(form);
		const { db, now } = appContext();
		const r = attempt(locals.locale, {}, () => {
			// Save what is on screen first, so a submit never loses the last changes.
			if ((choices && Object.keys(choices).length) || serviceCase !== undefined)
				saveSelfAssessment(db, locals.user!, params.id, choices ?? {}, now(), serviceCase);
			submitDossier(db, locals.user!, params.id, now());
		});
		return r ?? { submitted: true };
	}),
	version: guarded(({ params, locals }) => {
		const { db, now } = appContext();
		const id = attempt(locals.locale, {}, () =>
			startNewVersion(db, locals.user!, params.id, now())
		);
		if (typeof id !== 'string') return id;
		redirect(303, `/producer/dossiers/${id}`);
	}),
	answer: guarded(({ params, locals }) => {
		const { db, now } = appContext();
		return (
			attempt(locals.locale, {}, () => answerRequest(db, locals.user!, params.id, now())) ?? {
				answered: true
			}
		);
	}),
	remove: guarded(async ({ request, locals }) => {
		const form = await request.formData();
		const { db, config, now } = appContext();
		return (
			attempt(locals.locale, {}, () =>
				removeUpload(db, config.uploadDir, locals.user!, String(form.get('fileId') ?? ''), now())
			) ?? { removed: true }
		);
	})
};
