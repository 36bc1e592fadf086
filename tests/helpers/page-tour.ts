import { createInvitedAccount, findUserByEmail } from '../../src/lib/server/accounts';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db/client';
import { seedDemoSelfAssessment } from '../../src/lib/server/dossiers/demo';
import { registerProduct } from '../../src/lib/server/dossiers/registration';
import { submitDossier } from '../../src/lib/server/dossiers/lifecycle';
import { meetingChat } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { attachEvidencePdf, numberedPdf } from './sample-pdf';

/** The demo accounts that stand for each kind of visitor, as the seed names them. */
export const ROLE_EMAILS = {
	producer: 'htx.datquang@ocop.demo',
	member: 'thanhvien1@ocop.demo',
	chair: 'chutich@ocop.demo',
	office: 'vanphong@ocop.demo',
	admin: 'admin@ocop.demo',
	commune: 'xa.queson@ocop.demo'
} as const;
export type Role = 'public' | keyof typeof ROLE_EMAILS;

export interface TourData {
	dir: string;
	/** A producer's draft (the editable form) and one waiting for the commune's review. */
	draftId: string;
	submittedId: string;
	inviteToken: string;
}

function sessionUser(db: Db, email: string): SessionUser {
	const u = findUserByEmail(db, email)!;
	return { ...u, organizationId: u.organizationId ?? null, communeCode: u.communeCode ?? null };
}

/**
 * The demo database with something on every page: the sitting is open and its first product is
 * being scored (with a PDF in the dossier), the producer has a draft and a submitted dossier (the
 * commune's review form), the earlier round's result is locked and published, and an invitation
 * link is waiting to be accepted.
 */
export async function seedTour(db: Db, dir: string): Promise<TourData> {
	const now = Date.now();
	await seedDemo(db, now);
	const pdf = await numberedPdf(2);
	attachEvidencePdf(db.$client, dir, {
		id: 'tour-pdf',
		dossierId: 'demo-product-snack-chuoi-v1',
		leafCode: '1.1',
		name: 'Giấy chứng nhận an toàn thực phẩm của cơ sở sản xuất.pdf',
		pdf
	});
	db.$client.prepare("update sittings set state = 'open' where id = 'demo-sitting-1'").run();
	db.$client.prepare("update agenda_items set state = 'scoring' where id = 'demo-item-1'").run();
	// Enough chat that its list scrolls: the sitting pages are audited with a scrolling log.
	seedChat(db, 'demo-sitting-1', 30, now);

	const producer = sessionUser(db, ROLE_EMAILS.producer);
	const product = { setNo: 7, kind: 'first' as const, sampleCount: 3 };
	const draftId = registerProduct(db, producer, { ...product, name: 'Mứt gừng Đất Quảng' }, now);
	const submittedId = registerProduct(db, producer, { ...product, name: 'Chuối sấy dẻo' }, now);
	seedDemoSelfAssessment(db, submittedId, 7);
	attachEvidencePdf(db.$client, dir, {
		id: 'tour-pdf-2',
		dossierId: submittedId,
		leafCode: '1.1',
		name: 'Giấy chứng nhận đăng ký kinh doanh.pdf',
		pdf
	});
	submitDossier(db, producer, submittedId, now);

	const admin = findUserByEmail(db, ROLE_EMAILS.admin)!.id;
	const invited = createInvitedAccount(
		db,
		{ email: 'moi.thanhvien@ocop.demo', name: 'Ngô Thị Mai', role: 'member' },
		admin,
		48,
		now
	);
	return { dir, draftId, submittedId, inviteToken: invited.token };
}

/** `n` chat messages in the sitting from its members, a minute apart, ending `now`. */
export function seedChat(db: Db, sittingId: string, n: number, now: number): void {
	const from = [ROLE_EMAILS.chair, ROLE_EMAILS.member].map((e) => findUserByEmail(db, e)!.id);
	db.insert(meetingChat)
		.values(
			Array.from({ length: n }, (_, i) => ({
				sittingId,
				userId: from[i % 2],
				text: `Ý kiến số ${i + 1} về hồ sơ đang xét: đề nghị bổ sung phiếu kiểm nghiệm.`,
				at: now - (n - i) * 60_000
			}))
		)
		.run();
}
