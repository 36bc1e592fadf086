// Two deployments for the Ministry round trip: a province and the central level, each with its
// own SQLite file, data folder and Ed25519 key (written before start, so each side can be told
// to trust the other's public key), and an office account on each.
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { getRubric } from '../../src/lib/domain/rubrics';
import type { LockedRecord } from '../../src/lib/domain/result-record';
import { SESSION_COOKIE, createSession } from '../../src/lib/server/auth/session';
import { loadConfig } from '../../src/lib/server/config';
import { sessionPolicyOf } from '../../src/lib/server/context';
import type { Db } from '../../src/lib/server/db/client';
import { agendaItems, councils } from '../../src/lib/server/db/schema';
import {
	appendLockedRecord,
	buildLockedBody,
	chainTip,
	choicesAtRank
} from '../../src/lib/server/results/record-builder';
import type { World } from './locked-results';

export interface Keys {
	privatePem: string;
	publicPem: string;
	publicFile: string;
}

export function makeKeys(dir: string, name: string): Keys {
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
	const publicFile = join(dir, `${name}.pub.pem`);
	writeFileSync(publicFile, publicPem);
	return {
		privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		publicPem,
		publicFile
	};
}

/** A data folder whose signing key (beside the database, as a default start keeps it) is `keys`. */
/** Puts the deployment's signing key in its data folder, where a default start reads it. */
export function useKey(dir: string, keys: Keys): void {
	writeFileSync(join(dir, 'ocop-signing-key.pem'), keys.privatePem, { mode: 0o600 });
}

export function cookieFor(db: Db, userId: string): string {
	const policy = sessionPolicyOf(loadConfig({ NODE_ENV: 'test' }));
	return `${SESSION_COOKIE}=${createSession(db, userId, policy, Date.now()).token}`;
}

/** Turns a seeded world's council into the central council. */
export function makeCentral(db: Db, world: World): void {
	db.update(councils)
		.set({
			level: 'central',
			name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp trung ương',
			authority: 'Bộ Nông nghiệp và Môi trường',
			place: 'Hà Nội'
		})
		.where(eq(councils.id, world.councilId))
		.run();
}

/** The central council scores an imported dossier and locks its result, as closing does. */
export function lockCentral(
	db: Db,
	world: World,
	dossierId: string,
	productName: string,
	rank: number | [number, number],
	closedAt: number
): LockedRecord {
	const itemId = `central-item-${dossierId}`;
	db.insert(agendaItems)
		.values({
			id: itemId,
			sittingId: world.sittingId,
			position: chainTip(db).seq,
			dossierId,
			state: 'closed',
			closedAt
		})
		.run();
	const rubric = getRubric('qd26-2026', 7);
	const [plain, marked] = Array.isArray(rank) ? rank : [rank, undefined];
	return appendLockedRecord(
		db,
		buildLockedBody({
			seq: chainTip(db).seq,
			itemId,
			sittingId: world.sittingId,
			councilId: world.councilId,
			dossierId,
			productName,
			productSetNo: 7,
			level: 'central',
			members: world.memberIds.map((id) => ({
				id,
				choices: choicesAtRank(rubric, plain, marked)
			})),
			closedBy: world.memberIds[0],
			closedAt,
			override: null
		})
	);
}
