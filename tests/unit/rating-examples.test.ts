// The worked examples published beside RULES.md, through the same path as `ocop rate`.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rate, toRatingOutput } from '../../src/lib/domain/rating';
import { formatIssue, parseRatingInput } from '../../src/lib/domain/rating-input';

const dir = new URL('../fixtures/rating-examples/', import.meta.url);
const names = readdirSync(dir)
	.filter((name) => name.endsWith('.in.json'))
	.map((name) => name.slice(0, -'.in.json'.length))
	.sort();

function read(name: string): unknown {
	return JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
}

describe('rating examples', () => {
	it('finds the examples', () => expect(names.length).toBeGreaterThanOrEqual(12));

	it.each(names)('%s', (name) => {
		const parsed = parseRatingInput(read(`${name}.in.json`));
		if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join('\n'));
		const { rubric, ...input } = parsed.value;
		const output = toRatingOutput(rate(rubric, input));
		const expected = read(`${name}.out.json`);
		expect(output).toEqual(expected);
		// Key order is part of the contract.
		expect(JSON.stringify(output)).toBe(JSON.stringify(expected));
	});
});
