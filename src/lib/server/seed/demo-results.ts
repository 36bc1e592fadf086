// One locked, published result from an earlier round, so the public results pages, documents and
// `ocop verify` have something real to show: Snack chuối Bana, 4★, with its recognition decision.
// Runs after the demo council; running it again changes nothing.

import { eq } from 'drizzle-orm';
import { findUserByEmail } from '../accounts';
import type { Db } from '../db/client';
import {
	agendaItems,
	decisionItems,
	dossiers,
	recognitionDecisions,
	resultPublications,
	rounds,
	sittings
} from '../db/schema';
import { getRubric } from '../../domain/rubrics';
import { certificateExpiry } from '../results/figures';
import {
	appendLockedRecord,
	buildLockedBody,
	chainTip,
	choicesAtRank
} from '../results/record-builder';
import { DEMO_COUNCIL_ID } from './demo-council';

const ROUND = 'demo-round-2026-1';
const SITTING = 'demo-sitting-2026-1';
const ITEM = 'demo-item-2026-snack';
const DOSSIER = 'demo-product-snack-chuoi-2026-1';
const VOTERS = [
	'chutich@ocop.demo',
	'phochutich@ocop.demo',
	...[1, 2, 3, 4, 5, 6, 7].map((n) => `thanhvien${n}@ocop.demo`)
];
// Varied cards (totals 85 and 78) inside the 10-point spread; star minimums all met.
const RANKS = [1, 1.5, 1, 1, 1.5, 1, 1.5, 1, 1];

export function seedDemoResults(db: Db): void {
	if (db.select().from(rounds).where(eq(rounds.id, ROUND)).get()) return;
	const id = (email: string) => findUserByEmail(db, email)!.id;
	// After QĐ 26/2026/QĐ-TTg (22/5/2026), whose scorecard it was scored on, in round 1, which
	// closes by 30/6 (RULES.md procedure 4).
	const closedAt = Date.UTC(2026, 5, 26, 3, 30); // 10:30, 26/6/2026 in Việt Nam
	db.transaction((tx) => {
		tx.insert(rounds)
			.values({
				id: ROUND,
				councilId: DEMO_COUNCIL_ID,
				year: 2026,
				number: 1,
				name: 'Đợt 1 năm 2026',
				cutoffDate: '2026-06-30',
				createdAt: closedAt
			})
			.run();
		tx.insert(sittings)
			.values({
				id: SITTING,
				councilId: DEMO_COUNCIL_ID,
				roundId: ROUND,
				title: 'Phiên họp đánh giá, phân hạng sản phẩm OCOP đợt 1 năm 2026',
				startsAt: closedAt - 9_000_000,
				state: 'adjourned',
				openedAt: closedAt - 9_000_000,
				closedAt: closedAt + 3_600_000,
				createdAt: closedAt - 20 * 86_400_000
			})
			.run();
		tx.insert(dossiers)
			.values({
				id: DOSSIER,
				productId: 'demo-product-snack-chuoi',
				registrationKind: 'first',
				sampleCount: 3,
				state: 'evaluated',
				commune: 'Xã Quế Sơn',
				submittedAt: closedAt - 25 * 86_400_000,
				createdAt: closedAt - 30 * 86_400_000,
				updatedAt: closedAt
			})
			.run();
		tx.insert(agendaItems)
			.values({
				id: ITEM,
				sittingId: SITTING,
				position: 1,
				dossierId: DOSSIER,
				state: 'closed',
				stateChangedAt: closedAt,
				closedAt
			})
			.run();
		const rubric = getRubric('qd26-2026', 7);
		const body = buildLockedBody({
			seq: chainTip(tx).seq,
			itemId: ITEM,
			sittingId: SITTING,
			councilId: DEMO_COUNCIL_ID,
			dossierId: DOSSIER,
			productName: 'Snack chuối Bana',
			productSetNo: 7,
			members: VOTERS.map((email, i) => ({
				id: id(email),
				choices: choicesAtRank(rubric, RANKS[i], 0)
			})),
			closedBy: id('chutich@ocop.demo'),
			closedAt
		});
		const record = appendLockedRecord(tx, body);
		const office = id('vanphong@ocop.demo');
		tx.insert(resultPublications)
			.values({ seq: record.seq, publishedAt: closedAt + 86_400_000, publishedBy: office })
			.run();
		tx.insert(recognitionDecisions)
			.values({
				id: 'demo-decision-2026-1',
				councilId: DEMO_COUNCIL_ID,
				number: '2871/QĐ-UBND',
				decidedOn: '2026-07-10',
				signer: 'Trần Văn Phước',
				signerTitle: 'Phó Chủ tịch UBND thành phố',
				createdBy: office,
				createdAt: closedAt + 14 * 86_400_000
			})
			.run();
		tx.insert(decisionItems)
			.values({
				seq: record.seq,
				decisionId: 'demo-decision-2026-1',
				stars: record.result.stars ?? 4,
				outcome: 'recognized',
				certificateNo: '125/GCN-OCOP',
				expiresOn: certificateExpiry('2026-07-10')
			})
			.run();
	});
}
