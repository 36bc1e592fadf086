import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { COMMAND_BURST } from '../../server/socket';
import { useAppServer } from '../helpers/app-server';

const app = useAppServer({ seed: (ctx) => seedDemo(ctx.db, ctx.now()) });
const connect = (email: string) => app.socket(app.signIn(email));

describe('socket command rate limit', () => {
	it('answers a flood with a clear refusal and keeps serving everyone else', async () => {
		const flooder = await connect('thanhvien1@ocop.demo');
		const other = await connect('thanhvien2@ocop.demo');
		const acks = await Promise.all(
			Array.from({ length: COMMAND_BURST + 20 }, () =>
				flooder.timeout(5000).emitWithAck('hand:raise', { sittingId: 'demo-sitting-1' })
			)
		);
		const limited = acks.filter((a) => !a.ok && a.error.code === 'rate-limited');
		expect(limited.length).toBeGreaterThanOrEqual(15);
		expect(acks.length - limited.length).toBeGreaterThanOrEqual(COMMAND_BURST);
		expect(limited[0].ok || limited[0].error.message).toBe(
			'Bạn gửi thao tác quá nhanh. Vui lòng chờ một chút rồi thử lại.'
		);
		const fine = await other
			.timeout(5000)
			.emitWithAck('sitting:join', { sittingId: 'demo-sitting-1' });
		expect(fine.ok).toBe(true);
		flooder.close();
		other.close();
	});
});
