// Data recorded before the decision-kinds migration survives it and reads as before: a database
// migrated to 0004 gets decisions, a renewal and a revocation with a code of the old invented
// ground list, then the current migrations run on the same file.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { groundText } from '../../src/lib/domain/revocation';
import { publicCertificate } from '../../src/lib/server/certificates/public';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { certificateRenewals, certificateRevocations } from '../../src/lib/server/db/schema';
import { seedCertified, vnMorning } from '../helpers/certified-world';

const dir = mkdtempSync(join(tmpdir(), 'ocop-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was before `tag` (its journal cut there). */
function migrationsBefore(tag: string): string {
	const folder = join(dir, 'drizzle-old');
	cpSync(join(process.cwd(), 'drizzle'), folder, { recursive: true });
	const journalFile = join(folder, 'meta', '_journal.json');
	const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
	const at = journal.entries.findIndex((e: { tag: string }) => e.tag === tag);
	expect(at).toBeGreaterThan(0);
	journal.entries = journal.entries.slice(0, at);
	writeFileSync(journalFile, JSON.stringify(journal));
	return folder;
}

describe('the decision-kinds migration', () => {
	const file = join(dir, 'ocop.db');
	let db: Db;
	let seqs: number[] = [];

	it('keeps decisions, renewals and an old-list revocation, readable as before', () => {
		const old = openDatabase(file, { migrationsFolder: migrationsBefore('0005_decision-kinds') });
		const now = vnMorning('2026-03-01');
		// The seed is today's code, which also reads and writes what later migrations add (0006's
		// seats, 0008's replacements, 0009's sitting place): they stand in while it runs and go
		// before the current migrations do.
		old.$client.exec('ALTER TABLE locked_results ADD seats text');
		old.$client.exec('ALTER TABLE sittings ADD place text');
		old.$client.exec(
			'CREATE TABLE certificate_replacements (seq integer PRIMARY KEY, by_seq integer NOT NULL, replaced_on text NOT NULL, created_at integer NOT NULL)'
		);
		const cw = seedCertified(old, now, ['m1', 'm2'], '2023-12-01', 'mg');
		old.$client.exec('ALTER TABLE locked_results DROP COLUMN seats');
		old.$client.exec('DROP TABLE certificate_replacements');
		old.$client.exec('ALTER TABLE sittings DROP COLUMN place');
		seqs = cw.certs.map((c) => c.seq);
		old
			.insert(certificateRevocations)
			.values({
				seq: seqs[0],
				ground: 'false-dossier',
				detail: 'Phiếu kiểm nghiệm không đúng mẫu',
				number: '15/QĐ-UBND',
				decidedOn: '2026-02-01',
				signer: 'Trần Nam Hưng',
				signerTitle: 'Phó Chủ tịch',
				createdBy: cw.office.id,
				createdAt: now
			})
			.run();
		const { id: productId } = old.$client.prepare('select id from products limit 1').get() as {
			id: string;
		};
		old.insert(certificateRenewals).values({ productId, seq: seqs[1], createdAt: now }).run();
		const before = old.$client
			.prepare('select seq, decision_id, stars, outcome, certificate_no from decision_items')
			.all();
		old.$client.close();

		db = openDatabase(file);
		expect(
			db.$client
				.prepare('select seq, decision_id, stars, outcome, certificate_no from decision_items')
				.all()
		).toEqual(before);
		expect(db.select().from(certificateRenewals).all()).toEqual([
			{ productId, seq: seqs[1], createdAt: now }
		]);
		const pub = publicCertificate(db, seqs[0], now)!;
		expect(pub.standing.public).toBe('revoked');
		const t = (k: string) =>
			k === 'certificates.legacyGrounds.false-dossier' ? 'Hồ sơ gian dối' : k;
		expect(groundText(pub.revocation!, t)).toBe(
			'Hồ sơ gian dối — Phiếu kiểm nghiệm không đúng mẫu'
		);
		expect(publicCertificate(db, seqs[1], now)!.standing.public).toBe('valid');
		// The immutability triggers are back on the rebuilt table.
		expect(() => db.delete(certificateRevocations).run()).toThrow(/immutable/);
	});

	it('now takes a forwarding and a recognition item per result, never two of a kind', () => {
		const [decision] = db.$client
			.prepare('select decision_id id from decision_items where seq = ?')
			.all(seqs[1]) as { id: string }[];
		const insert = db.$client.prepare(
			`insert into decision_items (seq, decision_id, stars, outcome, certificate_no, expires_on)
			 values (?, ?, ?, ?, ?, ?)`
		);
		insert.run(seqs[1], decision.id, 5, 'forwarded-central', null, null);
		expect(() => insert.run(seqs[1], decision.id, 4, 'recognized', 'GCN-2', '2030-01-01')).toThrow(
			/UNIQUE|PRIMARY/
		);
		expect(() => insert.run(seqs[1], decision.id, 5, 'forwarded-central', null, null)).toThrow(
			/UNIQUE|PRIMARY/
		);
		db.$client.close();
	});
});
