// What the crash test's clients sent and what the server acknowledged: the expectations the
// database is held to after every kill. Also the switch that pauses the workload while the server
// is down and being checked.
import type { ItemState } from '../../src/lib/domain/meeting';
import type { LockedSummary } from '../../src/lib/protocol/scoring-events';
import type { SubmitResult } from '../../src/lib/server/scoring/cards';

/**
 * pending: sent, no answer yet. acked: answered ok. refused: answered with an error code.
 * lost: the connection died before the answer came, so it may or may not have happened.
 */
export type Outcome = 'pending' | 'acked' | 'refused' | 'lost';

interface Sent {
	by: string;
	itemId: string;
	outcome: Outcome;
	code?: string;
	/** For a lost command, once the first check after the kill has looked: did it commit? */
	committed?: boolean;
}
export interface SubmitSent extends Sent {
	kind: 'submit';
	choices: Record<string, number>;
	data?: SubmitResult;
}
export interface CloseSent extends Sent {
	kind: 'close';
	data?: LockedSummary;
}
export interface MoveSent extends Sent {
	kind: 'move';
	to: ItemState;
}
export type SentCommand = SubmitSent | CloseSent | MoveSent;

export class Ledger {
	readonly submits: SubmitSent[] = [];
	readonly closes: CloseSent[] = [];
	readonly moves: MoveSent[] = [];
	/** Card document → the server's state vector from the last "saved" frame it sent. */
	readonly saved = new Map<string, Map<number, number>>();
	/** Things no run should see (a refused join, an unexpected refusal), for the test to assert. */
	readonly problems: string[] = [];
	/** Called right after a command left the client: the kill controller aims with it. */
	onSend: ((c: SentCommand) => void) | null = null;

	record(c: SentCommand): void {
		if (c.kind === 'submit') this.submits.push(c);
		else if (c.kind === 'close') this.closes.push(c);
		else this.moves.push(c);
	}

	pending(): SentCommand[] {
		return [...this.submits, ...this.closes, ...this.moves].filter((c) => c.outcome === 'pending');
	}

	ackedSubmits(userId: string, itemId: string): number {
		return this.submits.filter(
			(s) => s.by === userId && s.itemId === itemId && s.outcome === 'acked'
		).length;
	}
}

/** Pause, resume and stop for the workload, and a wake-up for loops waiting on a change. */
export class Control {
	/** Clients may send commands and tick drafts. */
	running = false;
	stopped = false;
	/** Bumped before each restart; a client counts as back once it joined in the current epoch. */
	epoch = 0;
	private waiters: (() => void)[] = [];

	notify(): void {
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
	}

	/** Resolves at the next notify, or after `ms` as a safety net against a missed wake-up. */
	wait(ms = 250): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(resolve, ms);
			this.waiters.push(() => {
				clearTimeout(timer);
				resolve();
			});
		});
	}
}

/** A pause the workload takes on purpose (a member reading the form, the chair talking). */
export function pause(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
