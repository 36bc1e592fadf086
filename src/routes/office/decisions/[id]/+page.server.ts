import { fail } from '@sveltejs/kit';
import { isCalendarDate } from '$lib/domain/calendar-date';
import { eq } from 'drizzle-orm';
import { GROUND_MAX } from '$lib/domain/revocation';
import { COMPLAINT_STATUSES } from '$lib/domain/complaint';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import {
	complaintsOf,
	recordComplaint,
	updateComplaint
} from '$lib/server/certificates/complaints';
import { revokeCertificate } from '$lib/server/certificates/revocation';
import { listCertificates, renewalsOfCertificate } from '$lib/server/certificates/standing';
import { recognitionDecisions } from '$lib/server/db/schema';
import { attempt } from '$lib/server/refusal-kit';
import { text, whole } from '$lib/server/form-fields';
import { refuseAsMissing } from '$lib/server/not-found';
import { vnDate } from '$lib/server/results/figures';
import { guarded } from '$lib/server/require-area';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = guarded(({ params, locals }) => {
	const { db, now } = appContext();
	const decision = db
		.select()
		.from(recognitionDecisions)
		.where(eq(recognitionDecisions.id, params.id))
		.get();
	if (!decision) refuseAsMissing(locals.locale, 'certificates.errors.decisionNotFound');
	const today = vnDate(now());
	const certificates = listCertificates(db, today)
		.filter((c) => c.decisionId === decision.id)
		.map((c) => ({ ...c, renewals: renewalsOfCertificate(db, c.seq) }));
	return {
		decision,
		today,
		certificates,
		complaints: complaintsOf(db, decision.id),
		groundMax: GROUND_MAX,
		statuses: COMPLAINT_STATUSES
	};
});

/** The form's dates are ISO days; a bad one is refused before the service is asked. */
function dateOr(form: FormData, name: string, optional = false): string | null {
	const v = text(form, name, 10);
	if (optional && v === '') return '';
	return isCalendarDate(v) ? v : null;
}

export const actions: Actions = {
	revoke: guarded(async ({ request, params, locals }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const seq = whole(form, 'seq', 1, 2_000_000_000);
		const decidedOn = dateOr(form, 'decidedOn');
		const fields = {
			// One over the limit, so an oversized ground is refused rather than cut short.
			ground: text(form, 'ground', GROUND_MAX + 1),
			number: text(form, 'number', 100),
			signer: text(form, 'signer', 200),
			signerTitle: text(form, 'signerTitle', 200)
		};
		if (seq === null) return fail(404, { ...fields, message: t('certificates.errors.notFound') });
		if (decidedOn === null)
			return fail(400, { ...fields, message: t('certificates.errors.badDate') });
		const { db, now } = appContext();
		const cert = listCertificates(db, vnDate(now())).find((c) => c.seq === seq);
		// Only a certificate of the decision this page names.
		if (!cert || cert.decisionId !== params.id)
			return fail(404, { ...fields, message: t('certificates.errors.notFound') });
		const number = attempt(locals.locale, fields, () =>
			revokeCertificate(db, locals.user!.id, { seq, decidedOn, ...fields }, now())
		);
		if (typeof number !== 'string') return number;
		return { revoked: number };
	}),
	complaint: guarded(async ({ request, params, locals }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const receivedOn = dateOr(form, 'receivedOn');
		const fields = {
			complainant: text(form, 'complainant', 300),
			content: text(form, 'content', 5000)
		};
		if (receivedOn === null)
			return fail(400, { ...fields, message: t('certificates.errors.badDate') });
		const { db, now } = appContext();
		const id = attempt(locals.locale, fields, () =>
			recordComplaint(db, locals.user!.id, params.id, { ...fields, receivedOn }, now())
		);
		if (typeof id !== 'string') return id;
		return { complaintSaved: id };
	}),
	complaintUpdate: guarded(async ({ request, params, locals }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const resolvedOn = dateOr(form, 'resolvedOn', true);
		const complaintId = text(form, 'complaintId', 100);
		const fields = {
			status: text(form, 'status', 20),
			resolution: text(form, 'resolution', 5000)
		};
		if (resolvedOn === null)
			return fail(400, { ...fields, message: t('certificates.errors.badDate') });
		const { db, now } = appContext();
		const done = attempt(locals.locale, fields, () => {
			updateComplaint(
				db,
				locals.user!.id,
				params.id,
				complaintId,
				{ ...fields, resolvedOn },
				now()
			);
			return true;
		});
		if (done !== true) return done;
		return { complaintSaved: complaintId };
	})
};
