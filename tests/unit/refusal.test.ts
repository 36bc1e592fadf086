// The one refusal type and its transport adapters: what a person is told (in Vietnamese and in
// English, with list parameters translated), what the wire carries, and that nothing of an
// unexpected failure but an id ever leaves the server.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../../src/lib/i18n';
import { CLOSE } from '../../src/lib/protocol/close-codes';
import { ERROR_CODES } from '../../src/lib/protocol/socket';
import {
	Refusal,
	ackError,
	closeFor,
	isRefusal,
	refusalMessage,
	refusalStatus
} from '../../src/lib/server/refusal';

const vi_ = translator('vi');
const en = translator('en');

afterEach(() => vi.restoreAllMocks());

describe('refusal messages', () => {
	it('translates the key with its params, and each key of a list param, in both languages', () => {
		const r = new Refusal('bad-request', 'dossier.errors.missingForSubmit', {
			missing: ['dossier.gaps.taxCode', 'dossier.gaps.evidence']
		});
		expect(refusalMessage(r, en)).toBe(
			`Cannot submit yet: missing ${en('dossier.gaps.taxCode')}, ${en('dossier.gaps.evidence')}.`
		);
		const vi = refusalMessage(r, vi_);
		expect(vi).toContain(vi_('dossier.gaps.taxCode'));
		expect(vi).not.toContain('dossier.gaps');
		expect(vi).not.toBe(refusalMessage(r, en));
	});
});

describe('socket adapter', () => {
	it('carries the code, the message and the details of a refusal', () => {
		const details = { problems: [{ code: '1.1', problem: 'unknown' }] };
		const r = new Refusal('bad-request', 'scoring.errors.badChoices', {}, details);
		expect(ackError(r, en, 'test')).toEqual({
			code: 'bad-request',
			message: en('scoring.errors.badChoices'),
			details
		});
		// No details: no `details` key at all, as the acks had before.
		expect(ackError(new Refusal('forbidden', 'scoring.errors.chairOnly'), vi_, 'test')).toEqual({
			code: 'forbidden',
			message: vi_('scoring.errors.chairOnly')
		});
	});

	it('answers anything else with an id only, logged under the same id', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const secret = new Error('SQLITE_CORRUPT at /srv/ocop/data.db');
		const error = ackError(secret, en, 'scoring command failed');
		expect(error.code).toBe('internal');
		expect(error.message).not.toContain('SQLITE');
		expect(error.message).not.toContain('/srv');
		expect(error).not.toHaveProperty('details');
		const id = /[0-9a-f]{8}/.exec(error.message)?.[0];
		expect(id).toBeDefined();
		expect(log).toHaveBeenCalledWith(`[${id}] scoring command failed`, secret);
	});

	it('does not take a look-alike for a refusal', () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const fake = Object.assign(new Error('x'), { name: 'Refusal', code: 'forbidden', key: 'k' });
		expect(isRefusal(fake)).toBe(false);
		expect(ackError(fake, en, 'test').code).toBe('internal');
		expect(isRefusal({ code: 'forbidden', key: 'k', params: {} })).toBe(false);
		expect(isRefusal(null)).toBe(false);
	});

	it('recognises a refusal made by another copy of the module (server/ and the bundle)', async () => {
		vi.resetModules();
		const other = await import('../../src/lib/server/refusal');
		const foreign = new other.Refusal('not-found', 'scoring.errors.notFound');
		expect(foreign).not.toBeInstanceOf(Refusal);
		expect(isRefusal(foreign)).toBe(true);
		expect(ackError(foreign, en, 'test')).toEqual({
			code: 'not-found',
			message: en('scoring.errors.notFound')
		});
	});
});

describe('HTTP and Yjs adapters', () => {
	it('gives every wire code a status and a close code', () => {
		const statuses = Object.fromEntries(
			ERROR_CODES.map((c) => [c, refusalStatus(new Refusal(c, 'k'))])
		);
		expect(statuses).toMatchObject({
			'not-found': 404,
			forbidden: 403,
			'rate-limited': 429,
			'bad-request': 400,
			conflict: 400,
			'wrong-state': 400
		});
		expect(closeFor(new Refusal('not-found', 'scoring.errors.notFound'))).toEqual({
			code: CLOSE.notFound,
			reason: 'scoring.errors.notFound'
		});
		expect(closeFor(new Refusal('forbidden', 'scoring.errors.forbidden')).code).toBe(
			CLOSE.forbidden
		);
		// A code without its own close code still closes as refused, never as a normal close.
		expect(closeFor(new Refusal('wrong-state', 'scoring.errors.closed')).code).toBe(
			CLOSE.forbidden
		);
	});
});
