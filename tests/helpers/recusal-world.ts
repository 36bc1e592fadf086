// The scoring fixture (tests/integration/scoring-fixture.ts) with a second product on the agenda
// and the sitting not yet opened: a world where the recused member's item is live, then another
// item, for the recusal tests. Also a socket.io client with its acknowledgements, for the built app.
import { eq } from 'drizzle-orm';
import { io as connectIo, type Socket } from 'socket.io-client';
import type { Db } from '../../src/lib/server/db/client';
import { sittings } from '../../src/lib/server/db/schema';
import { insertAgendaProduct } from './agenda-product';
import type {
	Ack,
	ClientToServerEvents,
	ServerToClientEvents
} from '../../src/lib/protocol/socket';
import { seedScoringFixture, type ScoringFixture } from '../integration/scoring-fixture';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface RecusalWorld extends ScoringFixture {
	/** The second product; nobody is recused from it. */
	otherItemId: string;
}

/** Item `i1` (the `recused` member's conflict) and `i2`, both pending; the sitting published. */
export function seedRecusalWorld(db: Db, now: number): RecusalWorld {
	const f = seedScoringFixture(db, { idleMs: 3_600_000, absoluteMs: 86_400_000 }, now, 'pending');
	db.transaction((tx) => {
		tx.update(sittings).set({ state: 'published' }).where(eq(sittings.id, f.sittingId)).run();
		insertAgendaProduct(tx, {
			n: 2,
			sittingId: f.sittingId,
			position: 2,
			name: 'Mật ong Bà Nà',
			now
		});
	});
	return { ...f, otherItemId: 'i2' };
}

/** A socket.io client of the app as one person; `lang` picks the refusals' language. */
export function connectAs(url: string, cookie: string, lang: 'vi' | 'en' = 'vi'): Promise<Client> {
	const socket: Client = connectIo(url, {
		path: '/socket.io/',
		transports: ['websocket'],
		extraHeaders: { origin: url, cookie: `${cookie}; ocop_lang=${lang}` },
		reconnection: false
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

/** Sends a command and resolves with its acknowledgement. */
export function command<T = unknown>(
	socket: Client,
	event: keyof ClientToServerEvents,
	payload: unknown
): Promise<Ack<T>> {
	// The event map's payload types differ per command; the tests send each its own shape.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return (socket as any).timeout(5000).emitWithAck(event, payload);
}

/** The next `event` on the socket whose payload passes `test` (listen before acting). */
export function nextEvent<E extends keyof ServerToClientEvents>(
	socket: Client,
	event: E,
	test: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
	return new Promise((resolve) => {
		const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
			if (!test(payload)) return;
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			(socket as any).off(event, listener);
			resolve(payload);
		};
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		(socket as any).on(event, listener);
	});
}
