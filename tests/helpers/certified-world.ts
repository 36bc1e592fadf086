// Certified products for the certificate-life tests: the locked-results world, one producer
// account per product's organisation, and one recognition decision with a certificate each.
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db/client';
import { organizations, users } from '../../src/lib/server/db/schema';
import { recordDecision } from '../../src/lib/server/results/decisions';
import { eq } from 'drizzle-orm';
import { lockProduct, seedWorld, type World } from './locked-results';

export interface Certified {
	seq: number;
	key: string;
	producer: SessionUser;
}

export interface CertifiedWorld {
	world: World;
	decisionId: string;
	certs: Certified[];
	office: SessionUser;
}

/** 10:00 in Việt Nam on the given day. */
export const vnMorning = (iso: string) => Date.parse(`${iso}T03:00:00Z`);

export function seedCertified(
	db: Db,
	now: number,
	keys: string[],
	decidedOn: string,
	prefix = 'cw'
): CertifiedWorld {
	// A decision is dated from the lock to the day it is recorded: a backdated certificate was
	// locked on its decision's day at the latest, a future-dated one is recorded on its day.
	const lockedAt = Math.min(now, vnMorning(decidedOn));
	const recordedAt = Math.max(now, vnMorning(decidedOn));
	const world = seedWorld(db, now, { prefix });
	const certs = keys.map((key, i) => {
		const record = lockProduct(db, world, {
			key: `${prefix}-${key}`,
			name: `Sản phẩm ${key}`,
			setNo: 7,
			ranks: [
				[1, 0],
				[1, 0],
				[1, 0],
				[1, 0]
			],
			publish: true,
			closedAt: lockedAt + i
		});
		const orgId = `org-${prefix}-${key}`;
		db.update(organizations)
			.set({ commune: 'Xã Hòa Vang' })
			.where(eq(organizations.id, orgId))
			.run();
		const producer: SessionUser = {
			id: `${prefix}-producer-${key}`,
			email: `${prefix}.${key}@producer.test`,
			name: `Chủ thể ${key}`,
			role: 'producer',
			organizationId: orgId,
			communeCode: null
		};
		db.insert(users)
			.values({ ...producer, organizationId: orgId })
			.run();
		return { seq: record.seq, key, producer };
	});
	const decisionId = recordDecision(
		db,
		{
			councilId: world.councilId,
			number: `${100 + keys.length}/QĐ-UBND`,
			decidedOn,
			signer: 'Lê Trung Chinh',
			signerTitle: 'Chủ tịch UBND thành phố',
			items: certs.map((c, i) => ({ seq: c.seq, certificateNo: `${prefix}-GCN-${i + 1}` }))
		},
		world.officeId,
		recordedAt
	);
	const office: SessionUser = {
		id: world.officeId,
		email: `${prefix}.office@ocop.test`,
		name: 'Nguyễn Thị Thu Hà',
		role: 'office',
		organizationId: null,
		communeCode: null
	};
	return { world, decisionId, certs, office };
}
