import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../src/lib/server/accounts';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { addItem } from '../../src/lib/server/councils/agenda';
import { createSitting, publishAgenda } from '../../src/lib/server/councils/sittings';
import { councilMembers, dossiers, notifications, users } from '../../src/lib/server/db/schema';
import { decideCommune, requestDocuments } from '../../src/lib/server/dossiers/review';
import { listNotifications, notify, unreadCount } from '../../src/lib/server/notifications';
import { Outbox, useOutbox } from '../../src/lib/server/notifications/outbox';
import { publishResult } from '../../src/lib/server/results/publication';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { DEMO_COUNCIL_ID } from '../../src/lib/server/seed/demo-council';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld } from '../helpers/locked-results';
import { parseIcs, partsOfType, startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

let ctx: TestContext;
const ORIGIN = 'https://ocop.test';
const who = (email: string): SessionUser => {
	const u = findUserByEmail(ctx.db, email)!;
	return {
		id: u.id,
		email: u.email,
		name: u.name,
		role: u.role,
		organizationId: u.organizationId,
		communeCode: u.communeCode
	};
};
const review = {
	rawMaterial: 'Chuối địa phương',
	labour: '12 lao động',
	ideaOrigin: 'HTX',
	identity: 'Quảng Nam',
	proposal: 'Đề nghị'
};

let sink: SmtpSink | null = null;
let outbox: Outbox | null = null;
const logged: string[] = [];

function withSmtp(url: string | null) {
	outbox = new Outbox(
		ctx.db,
		ORIGIN,
		url ? { url, from: 'Hội đồng OCOP <ocop@ocop.test>' } : null,
		{ attempts: 2, retryMs: 20, log: (m) => logged.push(m) }
	);
	useOutbox(outbox);
	return outbox;
}

/** A demo dossier put back to 'submitted' so the commune can decide on it again. */
function submitted(id: string) {
	ctx.db.update(dossiers).set({ state: 'submitted' }).where(eq(dossiers.id, id)).run();
}

beforeAll(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
}, 60_000);
afterEach(async () => {
	await outbox?.idle();
	useOutbox(null);
	await sink?.close();
	sink = null;
	logged.length = 0;
});
afterAll(() => ctx.cleanup());

describe('notifications, in the app and by e-mail through a real SMTP server', () => {
	it('a returned dossier reaches its producer in the app and by mail, after the commit', async () => {
		sink = await startSmtpSink();
		const box = withSmtp(sink.url);
		const producer = who('htx.datquang@ocop.demo');
		const before = unreadCount(ctx.db, producer.id);
		submitted('demo-product-snack-chuoi-v1');
		decideCommune(
			ctx.db,
			who('xa.queson@ocop.demo'),
			'demo-product-snack-chuoi-v1',
			review,
			'return',
			'Thiếu giấy chứng nhận ATTP; bổ sung trước 15/12',
			ctx.now()
		);
		// In the app at once, in the same transaction as the return.
		expect(unreadCount(ctx.db, producer.id)).toBe(before + 1);
		const [latest] = listNotifications(ctx.db, producer.id);
		expect(latest).toMatchObject({
			kind: 'dossier-returned',
			link: '/producer/dossiers/demo-product-snack-chuoi-v1',
			params: { product: 'Snack chuối Bana' }
		});
		// Nothing was sent while the action ran: the mail leaves afterwards.
		expect(sink.mails).toHaveLength(0);
		await box.idle();
		expect(sink.mails).toHaveLength(1);
		const mail = sink.mails[0];
		expect(mail.to).toEqual(['htx.datquang@ocop.demo']);
		expect(mail.from).toBe('ocop@ocop.test');
		expect(sink.logins).toEqual(['ocop:sếcret']);
		const text = partsOfType(mail.raw, 'text/plain').join('\n');
		expect(text).toContain('Snack chuối Bana');
		expect(text).toContain('Thiếu giấy chứng nhận ATTP; bổ sung trước 15/12');
		expect(text).toContain(`${ORIGIN}/producer/dossiers/demo-product-snack-chuoi-v1`);
		expect(text).toContain('was returned');
	});

	it('a refused commune decision (no reason) records nothing and mails nothing', async () => {
		sink = await startSmtpSink();
		const box = withSmtp(sink.url);
		const producer = who('coso.quythu@ocop.demo');
		const before = unreadCount(ctx.db, producer.id);
		submitted('demo-product-banh-dua-v1');
		expect(() =>
			decideCommune(
				ctx.db,
				who('xa.queson@ocop.demo'),
				'demo-product-banh-dua-v1',
				review,
				'return',
				'',
				ctx.now()
			)
		).toThrow();
		await box.idle();
		expect(unreadCount(ctx.db, producer.id)).toBe(before);
		expect(sink.mails).toHaveLength(0);
	});

	it('an office request for documents notifies the producer', async () => {
		sink = await startSmtpSink();
		const box = withSmtp(sink.url);
		ctx.db
			.update(dossiers)
			.set({ state: 'forwarded' })
			.where(eq(dossiers.id, 'demo-product-banh-dua-v1'))
			.run();
		requestDocuments(
			ctx.db,
			who('vanphong@ocop.demo'),
			'demo-product-banh-dua-v1',
			'Gửi phiếu kiểm nghiệm',
			ctx.now()
		);
		await box.idle();
		expect(sink.mails.map((m) => m.to[0])).toEqual(['coso.quythu@ocop.demo']);
		expect(partsOfType(sink.mails[0].raw, 'text/plain').join()).toContain('Gửi phiếu kiểm nghiệm');
	});

	it('publishing an agenda invites members and presenters with a parseable .ics', async () => {
		sink = await startSmtpSink();
		const box = withSmtp(sink.url);
		const office = who('vanphong@ocop.demo');
		const startsAt = Date.UTC(2026, 11, 10, 1, 30);
		const title =
			'Phiên họp đợt 3, năm 2026; sản phẩm: bánh, chuối — một tiêu đề rất dài để phải gấp dòng';
		const sittingId = createSitting(
			ctx.db,
			office,
			DEMO_COUNCIL_ID,
			{ roundId: 'demo-round-2026-2', title, startsAt },
			ctx.now()
		);
		ctx.db
			.update(dossiers)
			.set({ state: 'ready' })
			.where(eq(dossiers.id, 'demo-product-banh-dua-v1'))
			.run();
		addItem(ctx.db, office, sittingId, 'demo-product-banh-dua-v1', 20, ctx.now());
		publishAgenda(ctx.db, office, sittingId, ctx.now());
		await box.idle();
		const recipients = sink.mails.map((m) => m.to[0]).sort();
		expect(recipients).toContain('coso.quythu@ocop.demo');
		expect(recipients).toContain('chutich@ocop.demo');
		expect(recipients).not.toContain('htx.datquang@ocop.demo');
		const members = ctx.db
			.select()
			.from(councilMembers)
			.where(eq(councilMembers.councilId, DEMO_COUNCIL_ID))
			.all().length;
		expect(recipients).toHaveLength(members + 1);
		const producerMail = sink.mails.find((m) => m.to[0] === 'coso.quythu@ocop.demo')!;
		const [ics] = partsOfType(producerMail.raw, 'text/calendar');
		expect(ics).toBeDefined();
		for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
		const props = parseIcs(ics);
		expect(props.get('DTSTART')).toBe('20261210T013000Z');
		expect(props.get('SUMMARY')).toBe(title);
		expect(props.get('URL')).toBe(`${ORIGIN}/sittings/${sittingId}`);
		const producerId = who('coso.quythu@ocop.demo').id;
		expect(props.get('UID')).toBe(`sitting-${sittingId}-${producerId}@ocop.test`);
		// Another person's invitation has another UID; the same person's stays the same.
		const chair = sink.mails.find((m) => m.to[0] === 'chutich@ocop.demo')!;
		expect(parseIcs(partsOfType(chair.raw, 'text/calendar')[0]).get('UID')).not.toBe(
			props.get('UID')
		);
		const row = listNotifications(ctx.db, producerId)[0];
		expect(row).toMatchObject({ kind: 'sitting-scheduled', link: `/sittings/${sittingId}` });
	});

	it('publishing a result notifies the producer organisation’s accounts', async () => {
		sink = await startSmtpSink();
		const box = withSmtp(sink.url);
		const world = seedWorld(ctx.db, ctx.now(), { prefix: 'nt' });
		const record = lockProduct(ctx.db, world, {
			key: 'nt-tea',
			name: 'Trà xanh Tiên Phước',
			setNo: 7,
			ranks: [0, 0, 0, 0],
			closedAt: ctx.now()
		});
		ctx.db
			.insert(users)
			.values([
				{
					id: 'nt-p1',
					email: 'p1@tea.test',
					name: 'P1',
					role: 'producer',
					organizationId: 'org-nt-tea'
				},
				{
					id: 'nt-p2',
					email: 'p2@tea.test',
					name: 'P2',
					role: 'producer',
					organizationId: 'org-nt-tea',
					disabled: true
				}
			])
			.run();
		ctx.db.transaction((tx) => publishResult(tx, record.seq, world.officeId, ctx.now()));
		await box.idle();
		expect(sink.mails.map((m) => m.to[0])).toEqual(['p1@tea.test']);
		expect(partsOfType(sink.mails[0].raw, 'text/plain').join()).toContain('Trà xanh Tiên Phước');
		expect(listNotifications(ctx.db, 'nt-p1')[0]).toMatchObject({
			kind: 'result-published',
			link: `/results/${record.seq}`
		});
		// A result that fails to publish (twice) rolls its notification back: no second mail.
		expect(() =>
			ctx.db.transaction((tx) => publishResult(tx, record.seq, world.officeId, ctx.now()))
		).toThrow();
		await box.idle();
		expect(sink.mails).toHaveLength(1);
		expect(listNotifications(ctx.db, 'nt-p1')).toHaveLength(1);
	});

	it('a transaction that rolls back after notify() sends nothing, even if its row id is reused', async () => {
		sink = await startSmtpSink();
		const box = withSmtp(sink.url);
		const chair = who('chutich@ocop.demo').id;
		const producer = who('coso.quythu@ocop.demo').id;
		const params = { dossierId: 'x', product: 'Rolled back', reason: 'r' };
		expect(() =>
			ctx.db.transaction((tx) => {
				notify(tx, [chair], 'dossier-returned', params, '/producer', ctx.now());
				throw new Error('the event failed after notifying');
			})
		).toThrow('the event failed');
		// Same tick: the rolled-back id may be handed to the next insert, for someone else.
		ctx.db.transaction((tx) =>
			notify(
				tx,
				[producer],
				'dossier-returned',
				{ ...params, product: 'Kept' },
				'/producer',
				ctx.now()
			)
		);
		await box.idle();
		expect(sink.mails.map((m) => m.to[0])).toEqual(['coso.quythu@ocop.demo']);
		expect(partsOfType(sink.mails[0].raw, 'text/plain').join()).toContain('Kept');
	});

	it('with SMTP unset nothing is sent and the action still records the notification', async () => {
		sink = await startSmtpSink();
		const box = withSmtp(null);
		submitted('demo-product-snack-chuoi-v1');
		const n = ctx.db.select().from(notifications).all().length;
		decideCommune(
			ctx.db,
			who('xa.queson@ocop.demo'),
			'demo-product-snack-chuoi-v1',
			review,
			'return',
			'Lần nữa',
			ctx.now()
		);
		await box.idle();
		expect(ctx.db.select().from(notifications).all()).toHaveLength(n + 1);
		expect(sink.mails).toHaveLength(0);
		expect(logged).toEqual([]);
	});

	it('a refusing or absent SMTP server does not fail the action; failures are retried and logged', async () => {
		sink = await startSmtpSink({ refuse: true });
		const box = withSmtp(sink.url);
		submitted('demo-product-snack-chuoi-v1');
		expect(() =>
			decideCommune(
				ctx.db,
				who('xa.queson@ocop.demo'),
				'demo-product-snack-chuoi-v1',
				review,
				'return',
				'Từ chối',
				ctx.now()
			)
		).not.toThrow();
		await box.idle();
		expect(sink.mails).toHaveLength(0);
		expect(logged).toHaveLength(2);
		expect(logged[1]).toMatch(/attempt 2 failed, given up: .*relay refused/);
		expect(
			ctx.db.select().from(dossiers).where(eq(dossiers.id, 'demo-product-snack-chuoi-v1')).get()!
				.state
		).toBe('returned');

		// Nobody listening at all: the same.
		const closed = sink.url;
		await sink.close();
		sink = null;
		logged.length = 0;
		const box2 = withSmtp(closed);
		submitted('demo-product-snack-chuoi-v1');
		decideCommune(
			ctx.db,
			who('xa.queson@ocop.demo'),
			'demo-product-snack-chuoi-v1',
			review,
			'return',
			'Không ai nghe',
			ctx.now()
		);
		await box2.idle();
		expect(logged).toHaveLength(2);
		expect(logged[1]).toMatch(/given up/);
	});
});
