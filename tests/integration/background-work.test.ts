// The background work the entry points start (background.ts): reading the context starts
// nothing, each piece starts when asked, survives a failing tick, and stops when told.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMailOutbox, startWrittenRoundSettling } from '../../src/lib/server/background';
import { currentOutbox } from '../../src/lib/server/notifications/outbox';
import { makeTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext | null = null;
afterEach(() => {
	vi.useRealTimers();
	vi.restoreAllMocks();
	ctx?.cleanup();
	ctx = null;
});

describe('background work', () => {
	it('the outbox is in use from its start until its stop', () => {
		ctx = makeTestContext();
		expect(currentOutbox()).toBeNull();
		const work = startMailOutbox(ctx);
		expect(currentOutbox()).not.toBeNull();
		work.stop();
		expect(currentOutbox()).toBeNull();
	});

	it('settling runs on each tick, logs a failure and goes on, and stops when told', () => {
		vi.useFakeTimers();
		ctx = makeTestContext();
		const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const work = startWrittenRoundSettling(ctx, 1000);
		vi.advanceTimersByTime(2000);
		expect(errors).not.toHaveBeenCalled();
		ctx.db.$client.close(); // every tick from now on fails
		vi.advanceTimersByTime(2000);
		expect(errors).toHaveBeenCalledTimes(2);
		expect(String(errors.mock.calls[0][0])).toMatch(/written rounds/);
		work.stop();
		vi.advanceTimersByTime(5000);
		expect(errors).toHaveBeenCalledTimes(2);
	});
});
