import { eq } from 'drizzle-orm';
import { findUserByEmail } from '../accounts';
import type { Db } from '../db/client';
import {
	agendaItems,
	councilMembers,
	councils,
	dossiers,
	organizations,
	products,
	rounds,
	sittings,
	users
} from '../db/schema';
import type { CouncilRole } from '../../domain/meeting';
import { localDate } from '../../domain/working-days';
import { seedDemoSelfAssessment } from '../dossiers/demo';

export const DEMO_COUNCIL_ID = 'demo-council-danang';

const MEMBERS: { email: string; role: CouncilRole; voting: boolean; title: string }[] = [
	{ email: 'chutich@ocop.demo', role: 'chair', voting: true, title: 'Phó Chủ tịch UBND thành phố' },
	{
		email: 'phochutich@ocop.demo',
		role: 'vice-chair',
		voting: true,
		title: 'Giám đốc Sở Nông nghiệp và Môi trường'
	},
	{
		email: 'thanhvien1@ocop.demo',
		role: 'member',
		voting: true,
		title: 'Phó Giám đốc Sở Nông nghiệp và Môi trường'
	},
	{
		email: 'thanhvien2@ocop.demo',
		role: 'member',
		voting: true,
		title: 'Phó Giám đốc Sở Công Thương'
	},
	{
		email: 'thanhvien3@ocop.demo',
		role: 'member',
		voting: true,
		title: 'Phó Giám đốc Sở Khoa học và Công nghệ'
	},
	{ email: 'thanhvien4@ocop.demo', role: 'member', voting: true, title: 'Trưởng phòng, Sở Y tế' },
	{
		email: 'thanhvien5@ocop.demo',
		role: 'member',
		voting: true,
		title: 'Trưởng phòng, Sở Văn hóa, Thể thao và Du lịch'
	},
	{
		email: 'thanhvien6@ocop.demo',
		role: 'member',
		voting: true,
		title: 'Phó Chủ tịch Liên minh Hợp tác xã'
	},
	{
		email: 'thanhvien7@ocop.demo',
		role: 'member',
		voting: true,
		title: 'Chuyên gia, Trường Đại học Kinh tế'
	},
	{
		email: 'vanphong@ocop.demo',
		role: 'secretary',
		voting: false,
		title: 'Chánh Văn phòng Điều phối OCOP'
	}
];

const ORGS = [
	{
		id: 'demo-org-datquang',
		producer: 'htx.datquang@ocop.demo',
		name: 'HTX Nông nghiệp xanh Đất Quảng',
		kind: 'cooperative' as const,
		// Demo tax codes: the format of a real one (10 digits), not the organisations' own.
		registrationNo: '4000000001',
		representative: 'Nguyễn Văn Quang',
		representativeGender: 'male' as const,
		representativeEthnicity: 'Kinh',
		commune: 'Xã Quế Sơn',
		product: { id: 'demo-product-snack-chuoi', name: 'Snack chuối Bana', setNo: 7 }
	},
	{
		id: 'demo-org-quythu',
		producer: 'coso.quythu@ocop.demo',
		name: 'Cơ sở Bánh dừa nướng Quý Thu',
		kind: 'household-business' as const,
		registrationNo: '4000000002',
		representative: 'Trần Thị Quý Thu',
		representativeGender: 'female' as const,
		representativeEthnicity: 'Kinh',
		commune: 'Xã Quế Sơn',
		product: { id: 'demo-product-banh-dua', name: 'Bánh dừa nướng Quý Thu', setNo: 6 }
	}
];

/** The Đà Nẵng city council, its members, two producers' dossiers and a published sitting. */
export function seedDemoCouncil(db: Db, now: number): void {
	if (db.select().from(councils).where(eq(councils.id, DEMO_COUNCIL_ID)).get()) return;
	const id = (email: string) => findUserByEmail(db, email)!.id;
	db.transaction((tx) => {
		tx.insert(councils)
			.values({
				id: DEMO_COUNCIL_ID,
				level: 'province',
				name: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP thành phố Đà Nẵng',
				authority: 'UBND thành phố Đà Nẵng',
				place: 'Đà Nẵng',
				createdAt: now
			})
			.run();
		for (const m of MEMBERS)
			tx.insert(councilMembers)
				.values({
					councilId: DEMO_COUNCIL_ID,
					userId: id(m.email),
					role: m.role,
					voting: m.voting,
					title: m.title
				})
				.run();
		tx.insert(rounds)
			.values({
				id: 'demo-round-2026-2',
				councilId: DEMO_COUNCIL_ID,
				year: 2026,
				number: 2,
				name: 'Đợt 2 năm 2026',
				cutoffDate: '2026-12-20',
				createdAt: now
			})
			.run();
		// Today at 08:00 in Việt Nam (UTC+7): scoring may open from the sitting's date, and the
		// demo is there to be tried at once.
		const startsAt = new Date(`${localDate(now)}T01:00:00Z`);
		tx.insert(sittings)
			.values({
				id: 'demo-sitting-1',
				councilId: DEMO_COUNCIL_ID,
				roundId: 'demo-round-2026-2',
				title: 'Phiên họp đánh giá, phân hạng sản phẩm OCOP đợt 2 năm 2026',
				startsAt: startsAt.getTime(),
				place: 'Phòng họp tầng 3, Sở Nông nghiệp và Môi trường thành phố Đà Nẵng',
				state: 'published',
				agendaPublishedAt: now,
				createdAt: now
			})
			.run();
		ORGS.forEach((org, i) => {
			tx.insert(organizations)
				.values({
					id: org.id,
					name: org.name,
					kind: org.kind,
					registrationNo: org.registrationNo,
					representative: org.representative,
					representativeGender: org.representativeGender,
					representativeEthnicity: org.representativeEthnicity,
					province: 'Đà Nẵng',
					commune: org.commune,
					address: `${org.commune}, thành phố Đà Nẵng`,
					createdAt: now
				})
				.run();
			tx.update(users)
				.set({ organizationId: org.id })
				.where(eq(users.id, id(org.producer)))
				.run();
			tx.update(users)
				.set({ communeCode: org.commune })
				.where(eq(users.email, 'xa.queson@ocop.demo'))
				.run();
			tx.insert(products)
				.values({
					id: org.product.id,
					organizationId: org.id,
					name: org.product.name,
					rubricVersion: 'qd26-2026',
					productSetNo: org.product.setNo,
					createdAt: now
				})
				.run();
			const dossierId = `${org.product.id}-v1`;
			tx.insert(dossiers)
				.values({
					id: dossierId,
					productId: org.product.id,
					registrationKind: 'first',
					sampleCount: 3,
					state: 'scheduled',
					commune: org.commune,
					submittedAt: now,
					createdBy: id(org.producer),
					createdAt: now,
					updatedAt: now
				})
				.run();
			seedDemoSelfAssessment(tx, dossierId, org.product.setNo);
			tx.insert(agendaItems)
				.values({
					id: `demo-item-${i + 1}`,
					sittingId: 'demo-sitting-1',
					position: i + 1,
					dossierId,
					slotMinutes: 15,
					presenters: [id(org.producer)]
				})
				.run();
		});
	});
}
