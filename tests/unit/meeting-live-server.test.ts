// The sitting page's MeetingLive is made while the page renders on the server too: there its
// socket (appSocket) must not make a socket.io client (in Node one dials "undefined//undefined"
// until it is closed).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SittingSnapshot } from '../../src/lib/protocol/meeting-events';

const io = vi.fn(() => ({ on() {}, close() {} }));
vi.mock('socket.io-client', () => ({ io }));
const { MeetingLive } = await import('../../src/lib/client/meeting.svelte');
/** Only what the constructor reads: the page's snapshot of this sitting. */
const snapshot = { sittingId: 's1', serverNow: Date.now() } as SittingSnapshot;

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

afterEach(() => {
	io.mockClear();
	delete (globalThis as { window?: unknown }).window;
});

describe('MeetingLive on the server and in the browser', () => {
	it('makes no socket while the page renders on the server', async () => {
		const meeting = new MeetingLive('s1', snapshot);
		await settle();
		expect(io).not.toHaveBeenCalled();
		meeting.close();
	});

	it('makes its socket in the browser (a task after it is made)', async () => {
		(globalThis as { window?: unknown }).window = {};
		const meeting = new MeetingLive('s1', snapshot);
		expect(io).not.toHaveBeenCalled();
		await settle();
		expect(io).toHaveBeenCalledTimes(1);
		meeting.close();
	});
});
