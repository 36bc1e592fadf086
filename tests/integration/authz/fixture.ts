// The world the authorisation matrix walks (not a test file). It extends the scoring fixture
// (council A: chair, secretary, m1-m3, a member recused from the item) with council B and its
// member, the producer who owns the item's dossier, another producer with their own dossier, a
// commune officer, an administrator and an office account without a seat, dossiers in every
// state an action needs, two locked results (one published) and the marker strings of ids.ts
// that no denied response may contain.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { listLeaves } from '../../../src/lib/domain/rubric';
import type { DossierState } from '../../../src/lib/domain/dossier-state';
import { notesDocName } from '../../../src/lib/protocol/yjs-docs';
import { SESSION_COOKIE, createSession, hashToken } from '../../../src/lib/server/auth/session';
import { hashPassword } from '../../../src/lib/server/auth/password';
import type { Db } from '../../../src/lib/server/db/client';
import * as t from '../../../src/lib/server/db/schema';
import { lockProduct, type World } from '../../helpers/locked-results';
import { rubric, seedScoringFixture, SET_NO } from '../scoring-fixture';
import { F, LEAF, MARK, NAME_MARK, USER } from './ids';
import type { Role } from './outcomes';

export interface MatrixFixture {
	cookies: Record<Role, string>;
	/** Every marker, with the hash of the unlocked-but-unpublished result among them. */
	markers: string[];
}

const PDF = (extra: string) =>
	new TextEncoder().encode(`%PDF-1.4\n%${extra}\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n`);

export async function seedMatrixFixture(
	db: Db,
	uploadDir: string,
	now: number
): Promise<MatrixFixture> {
	// The app's own defaults (120 min idle, 14 h): sessions are then not touched during the walk.
	const policy = { idleMs: 120 * 60_000, absoluteMs: 14 * 3_600_000 };
	seedScoringFixture(db, policy, now, 'scoring');
	const loginHash = await hashPassword(F.loginPassword);
	const stored = (bytes: Uint8Array) => {
		const name = randomBytes(16).toString('hex');
		mkdirSync(uploadDir, { recursive: true });
		writeFileSync(join(uploadDir, name), bytes);
		return { storedName: name, size: bytes.length };
	};
	db.transaction((tx) => {
		const u = (id: string, role: t.AccountRole, extra: Partial<typeof t.users.$inferInsert> = {}) =>
			tx
				.insert(t.users)
				.values({ id, email: `${id}@t.vn`, name: id, role, createdAt: now, ...extra })
				.run();
		u('u-admin', 'admin');
		u('u-office', 'office');
		u('u-commune', 'commune', { communeCode: F.commune });
		u('u-producer', 'producer', { organizationId: 'o1' });
		u('u-producer-b', 'producer', { organizationId: 'o-b' });
		u('u-spare', 'member', { email: F.spareEmail });
		u('u-probe', 'member', { email: F.loginEmail, passwordHash: loginHash });
		u('u-invitee', 'member');
		for (const [id, name] of Object.entries(NAME_MARK))
			tx.update(t.users).set({ name }).where(eq(t.users.id, id)).run();
		tx.insert(t.invitations)
			.values({
				id: hashToken(F.inviteToken),
				userId: 'u-invitee',
				createdBy: 'u-admin',
				createdAt: now,
				expiresAt: now + 86_400_000
			})
			.run();

		// Council B, where the "member of another council" sits.
		tx.insert(t.councils)
			.values({
				id: 'c2',
				level: 'province',
				name: 'Hội đồng B',
				authority: 'UBND',
				place: 'Huế',
				createdAt: now
			})
			.run();
		tx.insert(t.councilMembers)
			.values({ councilId: 'c2', userId: 'u-outsider', role: 'chair' })
			.run();

		// The item's dossier: the producer's, in the commune, on a published agenda, presented by them.
		tx.update(t.organizations)
			.set({
				name: MARK.org,
				representative: MARK.representative,
				commune: F.commune,
				registrationNo: '4000000009'
			})
			.where(eq(t.organizations.id, 'o1'))
			.run();
		tx.update(t.products).set({ name: MARK.product }).where(eq(t.products.id, 'p1')).run();
		tx.update(t.dossiers).set({ commune: F.commune }).where(eq(t.dossiers.id, F.dossier)).run();
		tx.update(t.sittings).set({ agendaPublishedAt: now }).where(eq(t.sittings.id, F.sitting)).run();
		tx.update(t.agendaItems)
			.set({ presenters: ['u-producer'] })
			.where(eq(t.agendaItems.id, F.item))
			.run();
		tx.update(t.conflicts).set({ reason: MARK.conflict }).run();
		const fileRow = (id: string, dossierId: string, bytes: Uint8Array) => ({
			id,
			dossierId,
			kind: 'evidence' as const,
			leafCode: LEAF,
			originalName: `${id}.pdf`,
			mime: 'application/pdf',
			sha256: '0'.repeat(64),
			createdAt: now,
			...stored(bytes)
		});
		tx.insert(t.dossierFiles)
			.values(fileRow(F.file, F.dossier, PDF(MARK.fileBytes)))
			.run();
		tx.insert(t.communeReviews)
			.values({
				dossierId: F.dossier,
				rawMaterial: MARK.review,
				labour: MARK.review,
				ideaOrigin: MARK.review,
				identity: MARK.review,
				proposal: MARK.review,
				decision: 'forward',
				updatedAt: now
			})
			.run();
		tx.insert(t.documentRequests)
			.values({
				id: 'req-a',
				dossierId: F.dossier,
				message: MARK.request,
				createdAt: now,
				answeredAt: now
			})
			.run();
		tx.insert(t.meetingChat)
			.values({ sittingId: F.sitting, userId: 'u-chair', text: MARK.chat, at: now })
			.run();
		// Quorate from the register alone, so a close is refused for the cards, not the walk order.
		for (const userId of ['u-chair', 'u-m1', 'u-m2', 'u-m3'])
			tx.insert(t.meetingAttendance)
				.values({ sittingId: F.sitting, userId, viaSocket: true, firstSeenAt: now, changedAt: now })
				.run();
		const notes = new Y.Doc();
		notes.getMap('notes').set(LEAF, new Y.Text(MARK.notes));
		tx.insert(t.yjsUpdates)
			.values({
				doc: notesDocName(F.item),
				update: Buffer.from(Y.encodeStateAsUpdate(notes)),
				at: now
			})
			.run();

		// One dossier per state an action needs, each its own product of the producer's organisation.
		const dossier = (id: string, state: DossierState, org = 'o1', name = `Sản phẩm ${id}`) => {
			tx.insert(t.products)
				.values({
					id: `p-${id}`,
					organizationId: org,
					name,
					rubricVersion: 'qd26-2026',
					productSetNo: SET_NO,
					createdAt: now
				})
				.run();
			tx.insert(t.dossiers)
				.values({
					id,
					productId: `p-${id}`,
					registrationKind: 'first',
					state,
					commune: F.commune,
					createdAt: now,
					updatedAt: now
				})
				.run();
		};
		tx.insert(t.organizations)
			.values({
				id: 'o-b',
				name: MARK.orgB,
				kind: 'cooperative',
				commune: 'xa-khac',
				createdAt: now
			})
			.run();
		dossier(F.dossierB, 'draft', 'o-b', MARK.productB);
		dossier(F.draft, 'draft');
		for (const { leaf } of listLeaves(rubric()))
			tx.insert(t.selfAssessments)
				.values({ dossierId: F.draft, leafCode: leaf.code, choice: 0 })
				.run();
		tx.insert(t.dossierFiles)
			.values(fileRow(F.draftFile, F.draft, PDF('draft')))
			.run();
		dossier(F.returned, 'returned');
		dossier(F.infoRequested, 'info-requested');
		dossier(F.forwarded, 'forwarded');
		// What the office must have before "ready": the advisory team's report and the lab results.
		for (const kind of ['advisory-report', 'lab-result'] as const)
			tx.insert(t.dossierFiles)
				.values({
					...fileRow(`${F.forwarded}-${kind}`, F.forwarded, PDF(kind)),
					kind,
					leafCode: null
				})
				.run();
		dossier(F.submitted, 'submitted');
		dossier(F.ready, 'ready');
		dossier('d-on-draft', 'scheduled');
		tx.insert(t.sittings)
			.values({
				id: F.draftSitting,
				councilId: F.council,
				roundId: F.round,
				title: 'Phiên nháp',
				startsAt: now,
				createdAt: now
			})
			.run();
		tx.insert(t.agendaItems)
			.values({ id: F.draftItem, sittingId: F.draftSitting, position: 1, dossierId: 'd-on-draft' })
			.run();
		tx.insert(t.sittings)
			.values({
				id: 's-locked',
				councilId: F.council,
				roundId: F.round,
				title: 'Phiên đã họp',
				startsAt: now,
				state: 'adjourned',
				// Held: opened and adjourned, so it has minutes (domain/meeting.ts sittingHeld).
				openedAt: now,
				closedAt: now,
				createdAt: now
			})
			.run();
	});
	const world: World = {
		councilId: F.council,
		roundId: F.round,
		sittingId: 's-locked',
		memberIds: ['u-chair', 'u-m1', 'u-m2', 'u-m3'],
		memberNames: [],
		officeId: 'u-secretary'
	};
	const base = { setNo: SET_NO, ranks: [0, 0, 0, 0], closedAt: now - 60_000 };
	lockProduct(db, world, { ...base, key: 'pub', name: 'Sản phẩm đã công bố', publish: true });
	const locked = lockProduct(db, world, { ...base, key: 'locked', name: MARK.lockedProduct });

	const roles = Object.entries(USER) as [Role, string][];
	const cookies = Object.fromEntries([
		...roles.map(([role, id]) => [
			role,
			`${SESSION_COOKIE}=${createSession(db, id, policy, now).token}`
		]),
		['anonymous', '']
	]) as Record<Role, string>;
	return {
		cookies,
		markers: [...Object.values(MARK), ...Object.values(NAME_MARK), locked.hash]
	};
}
