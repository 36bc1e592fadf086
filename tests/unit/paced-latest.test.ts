import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pacedLatest } from '../../src/lib/client/paced-latest';
import {
	PRESENCE_BURST,
	PRESENCE_INTERVAL_MS,
	PRESENCE_PER_SECOND
} from '../../src/lib/protocol/yjs-docs';
import { takeToken } from '../../src/lib/domain/token-bucket';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('pacedLatest', () => {
	it('sends the first at once, folds the rest into one trailing send of the last value', () => {
		const sent: string[] = [];
		const p = pacedLatest((v: string) => sent.push(v), 500);
		p.set('a');
		p.set('b');
		p.set('c');
		expect(sent).toEqual(['a']);
		vi.advanceTimersByTime(500);
		expect(sent).toEqual(['a', 'c']);
	});

	it('sends nothing for the value already sent', () => {
		const sent: string[] = [];
		const p = pacedLatest((v: string) => sent.push(v), 500);
		p.set('a');
		p.set('b');
		p.set('a');
		vi.advanceTimersByTime(1_000);
		p.set('a');
		expect(sent).toEqual(['a']);
	});

	it('cancel drops the pending send', () => {
		const sent: string[] = [];
		const p = pacedLatest((v: string) => sent.push(v), 500);
		p.set('a');
		p.set('b');
		p.cancel();
		vi.advanceTimersByTime(1_000);
		expect(sent).toEqual(['a']);
	});

	it("a focus change every 20 ms for a minute stays inside the server's presence bucket", () => {
		const bucket = { tokens: PRESENCE_BURST, at: Date.now() };
		let refused = 0;
		const p = pacedLatest(() => {
			if (!takeToken(bucket, Date.now(), PRESENCE_BURST, PRESENCE_PER_SECOND)) refused++;
		}, PRESENCE_INTERVAL_MS);
		for (let t = 0; t < 60_000; t += 20) {
			p.set(`c${t % 7}`);
			vi.advanceTimersByTime(20);
		}
		expect(refused).toBe(0);
	});
});
