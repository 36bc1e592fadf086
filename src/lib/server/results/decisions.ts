// Quyết định công nhận: the office records the signed decision, the products it covers with their
// stars, and each certificate (36 months from the decision). 5★ candidates at the province level
// are approved and forwarded to the central council instead of receiving a certificate. A
// recognition of a product that already holds a certificate in force replaces it from the new
// decision's date (certificates/replacement.ts): the candidate says so before the office records.

import { asc, desc } from 'drizzle-orm';
import { outcomeOf, type Stars } from '../../domain/rating';
import type { Q } from '../db/client';
import { decisionItems, recognitionDecisions } from '../db/schema';
import { audit } from '../audit';
import {
	productRecognisedTwice,
	recordReplacement,
	replacedCertificates
} from '../certificates/replacement';
import { listCertificates, viDate } from '../certificates/standing';
import { centralAnswer } from '../ministry/common';
import { certificateExpiry, daysUntil, vnDate } from './figures';
import { listResults, recordsOf } from './repository';
import { notify } from '../notifications';
import { producerAccounts, resultSubject } from '../notifications/recipients';
import { refuse } from '../refusal';

export interface Candidate {
	seq: number;
	productName: string;
	organization: string;
	/** The level offered by default. */
	stars: number;
	/** The levels the office may recognise; empty when the central result is below 3★. */
	levels: number[];
	outcome: 'recognized' | 'forwarded-central';
	/** For a candidate the Ministry returned: the central council's stars. */
	centralStars: number | null;
	/** The day (in Việt Nam) the council locked the result: no decision can predate it. */
	lockedOn: string;
	/** The product's certificate in force today, which recognising this result replaces. */
	replaces: { certificateNo: string; stars: number; expiresOn: string } | null;
}

/**
 * Rule 8: a returned candidate may be recognised 3★/4★ on the central result, so the office picks
 * from 3★ up to the central stars (4★ at most); below 3★ there is nothing the province may
 * recognise.
 */
export function returnedLevels(centralStars: number | null): number[] {
	if (centralStars === null || centralStars < 3) return [];
	return Math.min(4, centralStars) === 4 ? [3, 4] : [3];
}

/**
 * Locked results a decision can cover: recognised or forwarded and not yet in a decision, and
 * forwarded candidates the Ministry returned that no recognition decision covers yet.
 */
export function decisionCandidates(db: Q, today?: string): Candidate[] {
	const list = openCandidates(db);
	if (!today) return list;
	const replaced = replacedCertificates(
		db,
		list.filter((c) => c.outcome === 'recognized').map((c) => c.seq),
		today
	);
	return list.map((c) => {
		const r = replaced.get(c.seq)?.current;
		return r
			? {
					...c,
					replaces: { certificateNo: r.certificateNo, stars: r.stars, expiresOn: r.expiresOn }
				}
			: c;
	});
}

function openCandidates(db: Q): Candidate[] {
	const { rows } = listResults(db, {}, { published: false, limit: 100_000, offset: 0 });
	// The row carries the recognition item when there is one, else the forwarding item.
	const open = rows.filter((r) => !r.decisionNumber || r.outcome === 'forwarded-central');
	const records = new Map(
		recordsOf(
			db,
			open.map((r) => r.seq)
		).map((r) => [r.seq, r])
	);
	return open.flatMap((row): Candidate[] => {
		const rec = records.get(row.seq)!;
		const { stars, outcome } = rec.result;
		// An overridden close keeps its computed stars; the outcome then follows rule 8.
		const decided =
			outcome ?? (rec.override && stars ? outcomeOf(rec.level, stars as Stars) : null);
		if (stars === null || (decided !== 'recognized' && decided !== 'forwarded-central')) return [];
		const answer = decided === 'forwarded-central' ? centralAnswer(db, row.seq) : null;
		if (answer?.outcome === 'returned') {
			const levels = returnedLevels(answer.stars);
			return [
				{
					seq: row.seq,
					productName: row.productName,
					organization: row.organization,
					stars: levels.at(-1) ?? answer.stars ?? 0,
					levels,
					outcome: 'recognized',
					centralStars: answer.stars,
					lockedOn: vnDate(row.closedAt),
					replaces: null
				}
			];
		}
		// Forwarded and not (or not yet) returned: its forwarding decision is all it may have.
		if (row.decisionNumber) return [];
		const base = {
			seq: row.seq,
			productName: row.productName,
			organization: row.organization,
			lockedOn: vnDate(row.closedAt),
			replaces: null
		};
		return [{ ...base, stars, levels: [stars], outcome: decided, centralStars: null }];
	});
}

const isIsoDate = (s: string) =>
	/^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

export interface DecisionInput {
	councilId: string;
	number: string;
	decidedOn: string;
	signer: string;
	signerTitle: string;
	/** `stars`: the level picked for a returned candidate; otherwise the candidate's own. */
	items: { seq: number; certificateNo: string; stars?: number }[];
}

export function recordDecision(db: Q, input: DecisionInput, by: string, now: number): string {
	const candidates = new Map(decisionCandidates(db).map((c) => [c.seq, c]));
	if (input.items.length === 0) refuse('bad-request', 'results.decisions.noProducts');
	// The certificate runs 36 months from this date, so it is a signed decision's own date: not
	// before the council locked the result it recognises, not after today (Việt Nam's day).
	if (!isIsoDate(input.decidedOn)) refuse('bad-request', 'results.decisions.badDate');
	const today = vnDate(now);
	if (input.decidedOn > today)
		refuse('bad-request', 'results.decisions.futureDate', { today: viDate(today) });
	const items = input.items.map((i) => {
		const c = candidates.get(i.seq);
		if (!c) refuse('bad-request', 'results.decisions.notEligible');
		if (input.decidedOn < c.lockedOn)
			refuse('bad-request', 'results.decisions.beforeLock', {
				product: c.productName,
				locked: viDate(c.lockedOn)
			});
		if (c.levels.length === 0) refuse('bad-request', 'results.decisions.belowThree');
		const stars = i.stars ?? c.stars;
		if (!c.levels.includes(stars)) refuse('bad-request', 'results.decisions.badLevel');
		const forwarded = c.outcome === 'forwarded-central';
		if (!forwarded && !i.certificateNo) refuse('bad-request', 'results.decisions.badCertificate');
		return {
			seq: i.seq,
			stars,
			outcome: c.outcome,
			certificateNo: forwarded ? null : i.certificateNo,
			expiresOn: forwarded ? null : certificateExpiry(input.decidedOn)
		};
	});
	// One certificate per product: each recognition replaces the product's certificate in force
	// on the decision's date, and cannot come before a certificate the product already holds.
	const replaced = replacedCertificates(
		db,
		items.filter((i) => i.certificateNo).map((i) => i.seq),
		input.decidedOn
	);
	const twice = productRecognisedTwice(
		db,
		items.filter((i) => i.certificateNo).map((i) => i.seq)
	);
	if (twice) refuse('bad-request', 'results.decisions.sameProductTwice', { product: twice });
	const replacing = new Set<number>();
	for (const i of items) {
		const r = replaced.get(i.seq);
		if (r?.later)
			refuse('bad-request', 'results.decisions.beforeCurrent', {
				product: r.later.productName,
				certificate: r.later.certificateNo,
				date: viDate(r.later.decidedOn)
			});
		const current = r?.current;
		if (!current) continue;
		if (replacing.has(current.seq))
			refuse('bad-request', 'results.decisions.sameProductTwice', {
				product: current.productName
			});
		replacing.add(current.seq);
	}
	const id = crypto.randomUUID();
	try {
		db.insert(recognitionDecisions)
			.values({
				id,
				councilId: input.councilId,
				number: input.number,
				decidedOn: input.decidedOn,
				signer: input.signer,
				signerTitle: input.signerTitle,
				createdBy: by,
				createdAt: now
			})
			.run();
		db.insert(decisionItems)
			.values(items.map((i) => ({ ...i, decisionId: id })))
			.run();
		for (const i of items) {
			const current = replaced.get(i.seq)?.current;
			if (current) recordReplacement(db, current.seq, i.seq, input.decidedOn, now);
		}
	} catch (e) {
		const message = String((e as Error).message);
		// The (seq, outcome) key: the result already has a decision of this kind.
		if (message.includes('decision_items.seq')) refuse('conflict', 'results.decisions.notEligible');
		if (message.includes('UNIQUE')) refuse('conflict', 'results.decisions.numberTaken');
		throw e;
	}
	audit(
		db,
		{
			actorId: by,
			action: 'decision.record',
			subject: `decision:${id}`,
			detail: {
				number: input.number,
				seqs: items.map((i) => i.seq),
				replaced: [...replaced.values()].flatMap((r) =>
					r.current ? [r.current.certificateNo] : []
				)
			}
		},
		now
	);
	// The producer learns of the decision from the app, not only from the paper that follows:
	// the decision's number and date and, for a recognition, the certificate and how long it runs.
	for (const i of items) {
		const subject = resultSubject(db, i.seq);
		if (!subject) continue;
		notify(
			db,
			producerAccounts(db, [subject.organizationId]),
			'result-recognized',
			{
				seq: i.seq,
				product: subject.product,
				stars: i.stars,
				outcome: i.outcome,
				number: input.number,
				date: viDate(input.decidedOn),
				certificate: i.certificateNo ?? '',
				expires: i.expiresOn ? viDate(i.expiresOn) : ''
			},
			'/producer',
			now
		);
	}
	return id;
}

export interface CertificateLine {
	seq: number;
	productName: string;
	organization: string;
	stars: number;
	decisionNumber: string;
	decidedOn: string;
	certificateNo: string | null;
	expiresOn: string | null;
	outcome: string;
	daysLeft: number | null;
}

/** Every decision item with its product, newest decision first. */
export function decisionLines(db: Q, today: string): CertificateLine[] {
	const { rows } = listResults(db, {}, { published: false, limit: 100_000, offset: 0 });
	return rows
		.filter((r) => r.decisionNumber)
		.map((r) => ({
			seq: r.seq,
			productName: r.productName,
			organization: r.organization,
			stars: r.decisionStars ?? r.stars ?? 0,
			decisionNumber: r.decisionNumber!,
			decidedOn: r.decidedOn!,
			certificateNo: r.certificateNo,
			expiresOn: r.expiresOn,
			outcome: r.outcome!,
			daysLeft: r.expiresOn ? daysUntil(r.expiresOn, today) : null
		}))
		.sort((a, b) => (a.decidedOn < b.decidedOn ? 1 : -1));
}

/**
 * The office's watch lists: filing window (180–120 days left), expired (in grace or beyond),
 * revoked, forwarded. Each certificate line carries its standing (certificates/standing.ts).
 */
export function certificateWatch(db: Q, today: string) {
	const standings = new Map(listCertificates(db, today).map((c) => [c.seq, c]));
	const lines = decisionLines(db, today).map((l) => {
		const c = standings.get(l.seq);
		return {
			...l,
			decisionId: c?.decisionId ?? null,
			standing: c?.standing ?? null,
			revocationNumber: c?.revocation?.number ?? null,
			replacedBy: c?.replacement?.certificateNo ?? null
		};
	});
	const phase = (l: (typeof lines)[number]) => l.standing?.phase ?? null;
	return {
		lines,
		window: lines.filter((l) => phase(l) === 'window'),
		expired: lines.filter((l) => phase(l) === 'grace' || phase(l) === 'expired'),
		revoked: lines.filter((l) => phase(l) === 'revoked'),
		forwarded: lines.filter((l) => l.outcome === 'forwarded-central')
	};
}

export function listDecisions(db: Q) {
	return db
		.select()
		.from(recognitionDecisions)
		.orderBy(desc(recognitionDecisions.decidedOn), asc(recognitionDecisions.number))
		.all();
}

export function councilOfResults(db: Q, seqs: number[]): string[] {
	const records = recordsOf(db, seqs);
	return [...new Set(records.map((r) => r.councilId))];
}
