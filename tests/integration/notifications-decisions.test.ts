// The life of a result after the council, as the producer hears of it: the recognition decision
// (its number and date, the certificate and how long it runs; or, for a 5★ candidate, that the
// dossier goes to the Ministry) and a revocation, each as a notification to every active account
// of the producer, in either language, linking to the producer's own page of certificates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeCertificate } from '../../src/lib/server/certificates/revocation';
import { users } from '../../src/lib/server/db/schema';
import { listNotifications } from '../../src/lib/server/notifications';
import { notificationText } from '../../src/lib/server/notifications/message';
import { recordDecision } from '../../src/lib/server/results/decisions';
import { makeTestContext, type TestContext } from '../helpers/context';
import { lockProduct, seedWorld, type World } from '../helpers/locked-results';

let ctx: TestContext;
let world: World;
let snack: number;
let tea: number;
const at = (iso: string) => Date.parse(`${iso}T03:00:00Z`);

beforeAll(() => {
	ctx = makeTestContext();
	world = seedWorld(ctx.db, ctx.now());
	snack = lockProduct(ctx.db, world, {
		key: 'snack',
		name: 'Snack chuối Bana',
		setNo: 7,
		ranks: [1, 1, 1, 1].map(() => [1, 0] as [number, number]),
		publish: true,
		closedAt: at('2026-11-02')
	}).seq;
	tea = lockProduct(ctx.db, world, {
		key: 'tea',
		name: 'Trà xanh Tiên Phước',
		setNo: 7,
		ranks: [0, 0, 0, 0],
		publish: true,
		closedAt: at('2026-11-02')
	}).seq;
	ctx.db
		.insert(users)
		.values([
			{
				id: 'p-snack',
				email: 'a@snack.test',
				name: 'A',
				role: 'producer',
				organizationId: 'org-snack'
			},
			{
				id: 'p-snack-off',
				email: 'b@snack.test',
				name: 'B',
				role: 'producer',
				organizationId: 'org-snack',
				disabled: true
			},
			{ id: 'p-tea', email: 'c@tea.test', name: 'C', role: 'producer', organizationId: 'org-tea' }
		])
		.run();
});
afterAll(() => ctx.cleanup());

const latest = (userId: string) => listNotifications(ctx.db, userId)[0];

describe('the producer hears of the decision and of a revocation', () => {
	it('a recognition: the decision, the certificate and its last day', () => {
		recordDecision(
			ctx.db,
			{
				councilId: world.councilId,
				number: '2871/QĐ-UBND',
				decidedOn: '2026-11-20',
				signer: 'Trần Văn Phước',
				signerTitle: 'Phó Chủ tịch',
				items: [
					{ seq: snack, certificateNo: '125/GCN-OCOP' },
					{ seq: tea, certificateNo: '' }
				]
			},
			world.officeId,
			at('2026-11-21')
		);
		const n = latest('p-snack');
		expect(n).toMatchObject({ kind: 'result-recognized', link: '/producer' });
		expect(notificationText(n.kind, n.params, 'vi')).toEqual({
			title: 'Đã có quyết định về sản phẩm «Snack chuối Bana»',
			body: 'Sản phẩm được công nhận đạt chuẩn OCOP 4 sao theo Quyết định số 2871/QĐ-UBND ngày 20/11/2026; Giấy chứng nhận số 125/GCN-OCOP có hiệu lực đến hết ngày 19/11/2029.'
		});
		expect(notificationText(n.kind, n.params, 'en').body).toContain(
			'certificate no. 125/GCN-OCOP is valid through'
		);
		// A disabled account is not told.
		expect(listNotifications(ctx.db, 'p-snack-off')).toEqual([]);
	});

	it('a 5★ candidate: the dossier goes to the Ministry, no certificate', () => {
		const n = latest('p-tea');
		expect(n.kind).toBe('result-recognized');
		const { body } = notificationText(n.kind, n.params, 'vi');
		expect(body).toContain('tiềm năng 5 sao theo Quyết định số 2871/QĐ-UBND ngày 20/11/2026');
		expect(body).not.toContain('Giấy chứng nhận');
	});

	it('a revocation: the certificate, the revoking decision and its date', () => {
		revokeCertificate(
			ctx.db,
			world.officeId,
			{
				seq: snack,
				ground: 'Sản phẩm không duy trì được chất lượng theo kết quả kiểm tra',
				number: '45/QĐ-UBND',
				decidedOn: '2026-12-01',
				signer: 'Nguyễn Văn Thành',
				signerTitle: 'Phó Chủ tịch'
			},
			at('2026-12-01')
		);
		const n = latest('p-snack');
		expect(n).toMatchObject({ kind: 'certificate-revoked', link: '/producer' });
		expect(notificationText(n.kind, n.params, 'vi').body).toContain(
			'Giấy chứng nhận số 125/GCN-OCOP bị thu hồi theo Quyết định số 45/QĐ-UBND ngày 01/12/2026'
		);
		expect(listNotifications(ctx.db, 'p-tea')).toHaveLength(1);
	});
});
