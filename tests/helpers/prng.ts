// A small seeded random source for randomised tests: the same seed replays the same choices
// (as far as the test itself decides them), so a failing run can be repeated with its seed.

export interface Random {
	readonly seed: number;
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	chance(p: number): boolean;
}

/** mulberry32: tiny, fast and good enough to spread test choices. */
export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {
		seed,
		next,
		int,
		pick: (items) => items[int(0, items.length - 1)],
		chance: (p) => next() < p
	};
}

/** The seed from an environment variable (to replay a run), else a fresh one. */
export function seedFromEnv(name: string): number {
	const raw = process.env[name];
	if (raw !== undefined && raw !== '') {
		const n = Number(raw);
		if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
		return n;
	}
	return Math.floor(Math.random() * 2 ** 31);
}
