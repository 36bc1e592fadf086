import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectIo, type Socket } from 'socket.io-client';
import { findUserByEmail } from '../../src/lib/server/accounts';
import { SESSION_COOKIE, createSession } from '../../src/lib/server/auth/session';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { COMMAND_BURST } from '../../server/socket';
import { startAppServer, type AppServer } from '../../server/app-server';
import { makeTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let server: AppServer;

beforeAll(async () => {
	ctx = makeTestContext();
	await seedDemo(ctx.db, ctx.now());
	server = await startAppServer(ctx, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
	await server.close();
	ctx.cleanup();
});

function connect(email: string): Promise<Socket> {
	const user = findUserByEmail(ctx.db, email)!;
	const { token } = createSession(ctx.db, user.id, ctx.sessionPolicy, ctx.now());
	return new Promise((resolve, reject) => {
		const socket = connectIo(server.url, {
			path: '/socket.io/',
			transports: ['websocket'],
			extraHeaders: { origin: server.url, cookie: `${SESSION_COOKIE}=${token}` },
			reconnection: false
		});
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

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
