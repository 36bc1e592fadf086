// A small world of locked results for the results, documents, exports and verify tests: a
// council with members, a round, a sitting, and products whose cards are rated, sealed and
// appended to the chain exactly as the locking service does.
import { seedDemoTemplate } from '../../src/lib/server/seed/demo-template';
import { getRubric } from '../../src/lib/domain/rubrics';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import type { Db } from '../../src/lib/server/db/client';
import {
	agendaItems,
	councilMembers,
	councils,
	dossiers,
	organizations,
	products,
	resultPublications,
	rounds,
	sittings,
	users
} from '../../src/lib/server/db/schema';
import {
	appendLockedRecord,
	buildLockedBody,
	chainTip,
	choicesAtRank
} from '../../src/lib/server/results/record-builder';

export interface World {
	councilId: string;
	roundId: string;
	sittingId: string;
	memberIds: string[];
	memberNames: string[];
	officeId: string;
}

export const MEMBER_NAMES = [
	'Trần Văn Phước',
	'Lê Thị Minh Nguyệt',
	'Phạm Quốc Hùng',
	'Võ Thị Kim Oanh'
];

export function seedWorld(
	db: Db,
	now: number,
	opts: { prefix?: string; publishMemberNames?: boolean; year?: number; round?: number } = {}
): World {
	const p = opts.prefix ?? 'w';
	const memberIds = MEMBER_NAMES.map((_, i) => `${p}-member-${i + 1}`);
	const officeId = `${p}-office`;
	db.insert(users)
		.values([
			...MEMBER_NAMES.map((name, i) => ({
				id: memberIds[i],
				email: `${p}.m${i + 1}@ocop.test`,
				name,
				role: 'member' as const
			})),
			{
				id: officeId,
				email: `${p}.office@ocop.test`,
				name: 'Nguyễn Thị Thu Hà',
				role: 'office' as const
			}
		])
		.run();
	// The Đà Nẵng template the demo seeds: product codes and signers come from it.
	seedDemoTemplate(db, now);
	const councilId = `${p}-council`;
	db.insert(councils)
		.values({
			id: councilId,
			level: 'province',
			name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP thành phố Đà Nẵng',
			authority: 'UBND thành phố Đà Nẵng',
			place: 'Đà Nẵng',
			publishMemberNames: opts.publishMemberNames ?? false,
			createdAt: now
		})
		.run();
	db.insert(councilMembers)
		.values([
			...memberIds.map((userId, i) => ({
				councilId,
				userId,
				role: i === 0 ? ('chair' as const) : ('member' as const),
				title: i === 0 ? 'Phó Chủ tịch UBND thành phố' : 'Ủy viên'
			})),
			{ councilId, userId: officeId, role: 'secretary' as const, voting: false }
		])
		.run();
	const year = opts.year ?? 2026;
	const roundNo = opts.round ?? 2;
	const roundId = `${p}-round`;
	db.insert(rounds)
		.values({
			id: roundId,
			councilId,
			year,
			number: roundNo,
			name: `Đợt ${roundNo} năm ${year}`,
			cutoffDate: `${year}-12-20`,
			createdAt: now
		})
		.run();
	const sittingId = `${p}-sitting`;
	db.insert(sittings)
		.values({
			id: sittingId,
			councilId,
			roundId,
			title: `Phiên họp đánh giá, phân hạng sản phẩm OCOP đợt ${roundNo} năm ${year}`,
			startsAt: now,
			// Held and ended, as a sitting whose results are locked and documented usually is: its
			// minutes exist (domain/meeting.ts sittingHeld); the closing time is its last lock's.
			state: 'adjourned',
			openedAt: now,
			createdAt: now
		})
		.run();
	return { councilId, roundId, sittingId, memberIds, memberNames: [...MEMBER_NAMES], officeId };
}

export interface ProductSpec {
	key: string;
	name: string;
	setNo: number;
	organization?: string;
	/** The producer's commune (xã), for statistics by commune. */
	commune?: string;
	/** Per member: 0 = best option everywhere, 1 = the next best, …; [rank, rank on star-marked leaves]. */
	ranks: (number | [number, number])[];
	publish?: boolean;
	closedAt: number;
	/** Indexes of members who stepped out (conflict of interest). */
	recused?: number[];
	override?: { reason: string; blocked: string };
	/** The record's level (the central council's results); province by default. */
	level?: 'province' | 'central';
	/** The key of an earlier product evaluated again: a new version of its dossier, same product. */
	again?: string;
}

/**
 * Adds the product (with `again`, a new version of an earlier product's dossier), its dossier and
 * agenda item, and locks its result at the chain's tip.
 */
export function lockProduct(db: Db, world: World, spec: ProductSpec): LockedRecord {
	const orgId = `org-${spec.again ?? spec.key}`;
	if (!spec.again) addProduct(db, spec, orgId);
	const productId = `product-${spec.again ?? spec.key}`;
	const dossierId = `dossier-${spec.key}`;
	db.insert(dossiers)
		.values({
			id: dossierId,
			productId,
			registrationKind: spec.again ? 'reevaluation' : 'first',
			version: spec.again ? 2 : 1,
			state: 'evaluated',
			createdAt: spec.closedAt,
			updatedAt: spec.closedAt
		})
		.run();
	const itemId = `item-${spec.key}`;
	const position = chainTip(db).seq;
	db.insert(agendaItems)
		.values({
			id: itemId,
			sittingId: world.sittingId,
			position,
			dossierId,
			state: 'closed',
			closedAt: spec.closedAt
		})
		.run();
	const rubric = getRubric('qd26-2026', spec.setNo);
	const body = buildLockedBody({
		seq: chainTip(db).seq,
		itemId,
		sittingId: world.sittingId,
		councilId: world.councilId,
		dossierId,
		productName: spec.name,
		productSetNo: spec.setNo,
		members: world.memberIds.map((id, i) => {
			const rank = spec.ranks[i] ?? 0;
			const [plain, marked] = Array.isArray(rank) ? rank : [rank, undefined];
			const recused = spec.recused?.includes(i) ?? false;
			return { id, recused, choices: recused ? {} : choicesAtRank(rubric, plain, marked) };
		}),
		closedBy: world.memberIds[0],
		closedAt: spec.closedAt,
		override: spec.override ?? null,
		level: spec.level
	});
	const record = appendLockedRecord(db, body);
	if (spec.publish)
		db.insert(resultPublications)
			.values({ seq: record.seq, publishedAt: spec.closedAt, publishedBy: world.officeId })
			.run();
	return record;
}

/** The producer organisation and its product, for a product evaluated for the first time. */
function addProduct(db: Db, spec: ProductSpec, orgId: string) {
	db.insert(organizations)
		.values({
			id: orgId,
			name: spec.organization ?? `HTX ${spec.name}`,
			kind: 'cooperative',
			commune: spec.commune ?? null,
			createdAt: spec.closedAt
		})
		.run();
	db.insert(products)
		.values({
			id: `product-${spec.key}`,
			organizationId: orgId,
			name: spec.name,
			rubricVersion: 'qd26-2026',
			productSetNo: spec.setNo,
			createdAt: spec.closedAt
		})
		.run();
}
