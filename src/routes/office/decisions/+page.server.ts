import { fail } from '@sveltejs/kit';
import { isCalendarDate } from '$lib/domain/calendar-date';
import { hasControlChars } from '$lib/domain/plain-text';
import { translator } from '$lib/i18n';
import { appContext } from '$lib/server/context';
import {
	certificateWatch,
	councilOfResults,
	decisionCandidates,
	listDecisions,
	recordDecision
} from '$lib/server/results/decisions';
import { vnDate } from '$lib/server/results/figures';
import { councils as councilsTable } from '$lib/server/db/schema';
import { decisionNumber } from '$lib/server/documents/decision-number';
import { decisionSignerDefaults } from '$lib/server/documents/decision-signer';
import { eq } from 'drizzle-orm';
import { refuse } from '$lib/server/refusal';
import { formFailure } from '$lib/server/refusal-kit';
import type { Actions, PageServerLoad } from './$types';
import { guarded } from '$lib/server/require-area';

export const load: PageServerLoad = guarded(() => {
	const { db, now } = appContext();
	const today = vnDate(now());
	// Each candidate names the product's certificate in force that recognising it would replace.
	const candidates = decisionCandidates(db, today);
	return {
		today,
		candidates,
		signer: decisionSignerDefaults(
			db,
			candidates.map((c) => c.seq)
		),
		decisions: listDecisions(db),
		...certificateWatch(db, today)
	};
});

export const actions: Actions = {
	record: guarded(async ({ request, locals }) => {
		const t = translator(locals.locale);
		const form = await request.formData();
		const text = (k: string, max = 200) =>
			String(form.get(k) ?? '')
				.trim()
				.slice(0, max);
		const values = {
			number: text('number', 100),
			decidedOn: text('decidedOn', 10),
			signer: text('signer'),
			signerTitle: text('signerTitle')
		};
		const seqs = form
			.getAll('seq')
			.map(Number)
			.filter((n) => Number.isInteger(n) && n > 0);
		const items = seqs.map((seq) => {
			// Only a returned candidate has a choice; absent means its one level.
			const picked = text(`stars-${seq}`, 2);
			return {
				seq,
				certificateNo: text(`cert-${seq}`, 100),
				stars: picked ? Number(picked) : undefined
			};
		});
		// A refused form gives back everything typed: the products ticked, their certificate
		// numbers and levels too, or the next submit would fail with "choose a product".
		const kept = {
			...values,
			seqs,
			certs: Object.fromEntries(items.map((i) => [i.seq, i.certificateNo])) as Record<
				number,
				string
			>,
			levels: Object.fromEntries(
				items.flatMap((i) => (i.stars ? [[i.seq, i.stars] as const] : []))
			) as Record<number, number>
		};
		if (!isCalendarDate(values.decidedOn))
			return fail(400, { ...kept, message: t('results.decisions.badDate') });
		if (!values.signer || !values.signerTitle)
			return fail(400, { ...kept, message: t('results.decisions.badSigner') });
		// Each of these is printed on the signed decision and on the certificates.
		const printed = [values.number, values.signer, values.signerTitle];
		if ([...printed, ...items.map((i) => i.certificateNo)].some(hasControlChars))
			return fail(400, { ...kept, message: t('errors.controlChars') });
		if (seqs.length === 0)
			return fail(400, { ...kept, message: t('results.decisions.noProducts') });
		const { db, now } = appContext();
		const councils = councilOfResults(db, seqs);
		if (councils.length !== 1)
			return fail(400, { ...kept, message: t('results.decisions.notEligible') });
		let number = values.number;
		try {
			db.transaction((tx) => {
				// A blank number is issued from the register, in the same transaction as the record.
				const council = tx
					.select()
					.from(councilsTable)
					.where(eq(councilsTable.id, councils[0]))
					.get()!;
				const issued = decisionNumber(tx, council, values.number, values.decidedOn, now());
				if (!issued) refuse('conflict', 'results.decisions.numberTaken');
				number = issued;
				recordDecision(
					tx,
					{
						councilId: councils[0],
						...values,
						number,
						items
					},
					locals.user!.id,
					now()
				);
			});
		} catch (e) {
			const failure = formFailure(e, locals.locale, kept);
			if (failure) return failure;
			throw e;
		}
		return { saved: number };
	})
};
