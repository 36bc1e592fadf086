import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../src/lib/server/accounts';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { listMembers, updateMember } from '../../src/lib/server/councils/members';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { DEMO_COUNCIL_ID } from '../../src/lib/server/seed/demo-council';
import { makeTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let office: SessionUser;
beforeEach(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
	const u = findUserByEmail(ctx.db, 'vanphong@ocop.demo')!;
	office = { ...u, organizationId: null, communeCode: null };
});
afterEach(() => ctx.cleanup());

const id = (email: string) => findUserByEmail(ctx.db, email)!.id;
const member = (email: string) =>
	listMembers(ctx.db, DEMO_COUNCIL_ID).find((m) => m.userId === id(email))!;
const update = (
	email: string,
	input: { role: 'chair' | 'vice-chair' | 'member' | 'secretary'; voting: boolean; title: string }
) => updateMember(ctx.db, office, DEMO_COUNCIL_ID, id(email), input, ctx.now());

describe('editing a council member', () => {
	it('changes the role, voting flag and title, and audits it', () => {
		update('thanhvien1@ocop.demo', { role: 'vice-chair', voting: false, title: 'Chuyên gia' });
		expect(member('thanhvien1@ocop.demo')).toMatchObject({
			role: 'vice-chair',
			voting: false,
			title: 'Chuyên gia'
		});
		const audit = ctx.db.$client
			.prepare("select count(*) n from audit_log where action = 'council.member-update'")
			.get();
		expect(audit).toEqual({ n: 1 });
	});

	it('keeps one chair, and an office account only as secretary, changing nothing on refusal', () => {
		expect(() =>
			update('thanhvien1@ocop.demo', { role: 'chair', voting: true, title: '' })
		).toThrow('council.errors.oneChair');
		expect(() => update('vanphong@ocop.demo', { role: 'member', voting: true, title: '' })).toThrow(
			'council.errors.notMemberAccount'
		);
		expect(member('thanhvien1@ocop.demo').role).toBe('member');
		expect(member('vanphong@ocop.demo').role).toBe('secretary');
		// The chair may keep being the chair while other fields change.
		update('chutich@ocop.demo', { role: 'chair', voting: true, title: 'Chủ tịch UBND' });
		expect(member('chutich@ocop.demo').title).toBe('Chủ tịch UBND');
	});
});
