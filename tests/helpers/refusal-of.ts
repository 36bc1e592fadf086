import { isRefusal, type Refusal } from '../../src/lib/server/refusal';

/** The refusal `run` throws; fails the test if it throws something else or nothing. */
export function refusalOf(run: () => unknown): Refusal {
	try {
		run();
	} catch (e) {
		if (isRefusal(e)) return e;
		throw e;
	}
	throw new Error('expected a refusal');
}
