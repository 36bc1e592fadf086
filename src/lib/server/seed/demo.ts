import type { AccountRole } from '../../domain/accounts';
import { createAccount, findUserByEmail } from '../accounts';
import type { Db } from '../db/client';
import { seedDemoCouncil } from './demo-council';
import { seedDemoResults } from './demo-results';
import { seedDemoTemplate } from './demo-template';

/** Every demo account shares this password; it exists only in databases seeded by `npm run demo`. */
export const DEMO_PASSWORD = 'ocop-demo-2026';

export interface DemoLogin {
	email: string;
	name: string;
	role: AccountRole;
	note: string;
}

const PEOPLE: DemoLogin[] = [
	{ email: 'admin@ocop.demo', name: 'Quản trị hệ thống', role: 'admin', note: 'Quản trị viên' },
	{
		email: 'vanphong@ocop.demo',
		name: 'Nguyễn Thị Thu Hà',
		role: 'office',
		note: 'Văn phòng OCOP, Thư ký Hội đồng'
	},
	{ email: 'chutich@ocop.demo', name: 'Trần Văn Phước', role: 'member', note: 'Chủ tịch Hội đồng' },
	{
		email: 'phochutich@ocop.demo',
		name: 'Lê Thị Minh Nguyệt',
		role: 'member',
		note: 'Phó Chủ tịch Hội đồng'
	},
	{
		email: 'thanhvien1@ocop.demo',
		name: 'Phạm Quốc Hùng',
		role: 'member',
		note: 'Ủy viên (Sở Nông nghiệp và Môi trường)'
	},
	{
		email: 'thanhvien2@ocop.demo',
		name: 'Võ Thị Kim Oanh',
		role: 'member',
		note: 'Ủy viên (Sở Công Thương)'
	},
	{
		email: 'thanhvien3@ocop.demo',
		name: 'Huỳnh Tấn Lộc',
		role: 'member',
		note: 'Ủy viên (Sở Khoa học và Công nghệ)'
	},
	{
		email: 'thanhvien4@ocop.demo',
		name: 'Đặng Thị Thanh Tâm',
		role: 'member',
		note: 'Ủy viên (Sở Y tế)'
	},
	{
		email: 'thanhvien5@ocop.demo',
		name: 'Nguyễn Hữu Thắng',
		role: 'member',
		note: 'Ủy viên (Sở Văn hóa, Thể thao và Du lịch)'
	},
	{
		email: 'thanhvien6@ocop.demo',
		name: 'Bùi Thị Hồng Nhung',
		role: 'member',
		note: 'Ủy viên (Liên minh Hợp tác xã)'
	},
	{
		email: 'thanhvien7@ocop.demo',
		name: 'Trương Công Danh',
		role: 'member',
		note: 'Ủy viên (chuyên gia)'
	},
	{
		email: 'htx.datquang@ocop.demo',
		name: 'Nguyễn Văn Quang',
		role: 'producer',
		note: 'HTX Nông nghiệp xanh Đất Quảng'
	},
	{
		email: 'coso.quythu@ocop.demo',
		name: 'Trần Thị Quý Thu',
		role: 'producer',
		note: 'Cơ sở Bánh dừa nướng Quý Thu'
	},
	{ email: 'xa.queson@ocop.demo', name: 'Lê Văn Bình', role: 'commune', note: 'UBND xã Quế Sơn' }
];

/** Seeds the demo accounts once; running it again changes nothing. */
export async function seedDemo(db: Db, now: number): Promise<DemoLogin[]> {
	for (const person of PEOPLE) {
		if (findUserByEmail(db, person.email)) continue;
		await createAccount(
			db,
			{ email: person.email, name: person.name, role: person.role, password: DEMO_PASSWORD },
			null,
			now
		);
	}
	seedDemoTemplate(db, now);
	seedDemoCouncil(db, now);
	seedDemoResults(db);
	return PEOPLE;
}
