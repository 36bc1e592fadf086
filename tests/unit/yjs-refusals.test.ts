// Every refusal of the Yjs endpoint goes through the one adapter (refusal.ts): the close code
// the client acts on, and the reason a message key that exists in Vietnamese and English. A
// close written by hand in server/yjs would carry a reason no one can translate.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, vi } from '../../src/lib/i18n/messages';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import { closeFor, Refusal, refuseYjs } from '../../src/lib/server/refusal';

const YJS_DIR = join(process.cwd(), 'server', 'yjs');
const SOURCES = [
	...readdirSync(YJS_DIR).map((f) => join(YJS_DIR, f)),
	join(process.cwd(), 'server', 'live-sessions.ts')
];

function lookup(messages: unknown, key: string): unknown {
	return key
		.split('.')
		.reduce<unknown>(
			(node, part) => (node as Record<string, unknown> | undefined)?.[part],
			messages
		);
}

/** The message keys the Yjs server closes with: refuseYjs(…, '<key>') and admission keys. */
function keysInSources(): string[] {
	const keys = new Set<string>();
	for (const file of SOURCES) {
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(/refuseYjs\([^,]+,\s*'[^']+',\s*'([^']+)'/g)) keys.add(m[1]);
		for (const m of text.matchAll(/\bkey: '([^']+)'/g)) keys.add(m[1]);
	}
	return [...keys].sort();
}

describe('refusals of the Yjs endpoint', () => {
	it('close with a message key that both languages have', () => {
		const keys = keysInSources();
		// The protocol's own refusals: session, limits, frames, read-only, presence.
		expect(keys.length).toBeGreaterThanOrEqual(10);
		for (const key of keys) {
			expect(typeof lookup(vi, key), `vi ${key}`).toBe('string');
			expect(typeof lookup(en, key), `en ${key}`).toBe('string');
		}
	});

	it('are never closed by hand with an application code', () => {
		for (const file of SOURCES) {
			const text = readFileSync(file, 'utf8');
			// Only a shutdown (1001) or a storage failure (1011) is not a refusal.
			const byHand = [...text.matchAll(/\.close\(\s*(CLOSE\.\w+|\d{4})/g)]
				.map((m) => m[1])
				.filter((code) => code !== 'CLOSE.goingAway' && code !== '1011');
			expect(byHand, file).toEqual([]);
		}
	});

	it('carry the close code the client tells apart, with the key as the reason', () => {
		const closed: [number, string][] = [];
		const ws = { close: (code: number, reason: string) => void closed.push([code, reason]) };
		refuseYjs(ws, 'bad-request', 'errors.liveDocumentTooLarge', CLOSE.tooLarge);
		refuseYjs(ws, 'rate-limited', 'errors.liveRateLimited');
		expect(closed).toEqual([
			[CLOSE.tooLarge, 'errors.liveDocumentTooLarge'],
			[CLOSE.rateLimited, 'errors.liveRateLimited']
		]);
		expect(
			closeFor(new Refusal('forbidden', 'errors.writtenOutsideWindow'), CLOSE.outsideWindow)
		).toEqual({ code: CLOSE.outsideWindow, reason: 'errors.writtenOutsideWindow' });
	});
});
