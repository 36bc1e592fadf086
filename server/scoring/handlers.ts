import {
	cardChoices,
	closePayload,
	rescorePayload,
	submitPayload,
	watchPayload
} from '../../src/lib/protocol/scoring-events';
import { rooms } from '../../src/lib/protocol/socket';
import { lobbyRoom } from '../meeting/context';
import { markPresence } from '../../src/lib/server/meeting/attendance';
import { closeItem } from '../../src/lib/server/scoring/close';
import { submitCard } from '../../src/lib/server/scoring/cards';
import { refuse } from '../../src/lib/server/refusal';
import { getItem } from '../../src/lib/server/membership';
import { rescoreItem } from '../../src/lib/server/scoring/rescore';
import { countedCardOf, lockedSummary } from '../../src/lib/server/scoring/summary';
import { boardOf, watchItem } from '../../src/lib/server/scoring/watch';
import type { LiveSitting } from '../live-sitting';
import type { AppSocket } from '../realtime-types';
import { command } from './command';

/** Scoring commands of one connected socket. */
export function registerScoringHandlers(socket: AppSocket, sitting: LiveSitting): void {
	const { ctx, io, board } = sitting;
	const me = socket.data.user;
	const sittings = new Set<string>();
	const sittingOf = (itemId: string) => {
		const item = getItem(ctx.db, itemId);
		if (!item) refuse('not-found', 'scoring.errors.notFound');
		return item.sittingId;
	};
	const attendance = (sittingId: string) => ({
		presentIds: [...sitting.presentMembers(sittingId)]
	});
	const sendProgress = (sittingId: string, itemId: string) => {
		const data = watchItem(ctx.db, itemId, me.id, board.liveFacts(sittingId, itemId));
		const { round, submitted, eligible } = data.status;
		io.to(rooms.sitting(sittingId)).emit('scoring:progress', {
			itemId,
			round,
			submitted,
			eligible
		});
	};
	/**
	 * The member's card as the server holds it (their Yjs document), never choices named in the
	 * command: what the member saw on their card is what is recorded.
	 */
	const cardOf = (itemId: string) => {
		const parsed = cardChoices.safeParse(sitting.hub.cardChoices(itemId, me.id));
		if (parsed.success) return parsed.data;
		const problems = parsed.error.issues.map(
			(issue) => `${issue.path.join('.')}: ${issue.message}`
		);
		refuse('bad-request', 'scoring.errors.badChoices', {}, { problems });
	};

	socket.on(
		'scoring:watch',
		command(socket, watchPayload, async ({ itemId }) => {
			const sittingId = sittingOf(itemId);
			const data = watchItem(ctx.db, itemId, me.id, board.liveFacts(sittingId, itemId));
			await socket.join(rooms.sitting(sittingId));
			// A member scoring on the card's own page (a reload of the panel, a phone) is at the
			// sitting as much as one on the sitting page: the register says so, as a join does, and
			// the disconnect (meeting/handlers.ts) records their leaving.
			markPresence(ctx.db, sittingId, me.id, 'socket', 'arrived', ctx.now());
			sitting.sendAttendance(sittingId);
			if (data.role === 'staff') {
				await socket.join(rooms.sittingStaff(sittingId));
				board.watch(itemId, sittingId);
				// Joined now: the watcher counts as connected on their own first board.
				data.board = boardOf(ctx.db, itemId, board.liveFacts(sittingId, itemId));
			}
			sittings.add(sittingId);
			board.touchSitting(sittingId);
			return data;
		})
	);

	socket.on(
		'score:submit',
		command(socket, submitPayload, ({ itemId }) => {
			const sittingId = sittingOf(itemId);
			const { progress: counts, ...result } = submitCard(
				ctx.db,
				{ itemId, userId: me.id, choices: cardOf(itemId) },
				ctx.now()
			);
			// The counts come from the submit's own transaction: no second read of the item.
			io.to(rooms.sitting(sittingId)).emit('scoring:progress', {
				itemId,
				round: result.round,
				...counts
			});
			board.touch(itemId);
			return result;
		})
	);

	socket.on(
		'item:close',
		command(socket, closePayload, ({ itemId, override }) => {
			const sittingId = sittingOf(itemId);
			const input = { itemId, userId: me.id, override, attendance: attendance(sittingId) };
			const { record, receipts } = closeItem(ctx.db, input, ctx.now());
			const summary = lockedSummary(record);
			// The lobby too: a producer waiting there (this item's or the next one's) follows the
			// agenda as every other move tells it (live-sitting.ts afterMove). The result itself
			// stays in the sitting until it is published.
			io.to([rooms.sitting(sittingId), lobbyRoom(sittingId)]).emit('item:state', {
				sittingId,
				itemId,
				state: 'closed',
				scoringRound: summary.round,
				at: record.closedAt
			});
			io.to(rooms.sitting(sittingId)).emit('result:locked', summary);
			// With the card that counted: a member who changed ticks after submitting sees the
			// card the result was computed from, not the draft on their screen.
			for (const [userId, receipt] of Object.entries(receipts)) {
				const counted = countedCardOf(record, userId);
				if (counted)
					io.to(rooms.user(userId)).emit('scoring:receipt', { itemId, receipt, counted });
			}
			board.touch(itemId);
			// No live item now: the quorum in everyone's header is the sitting's again.
			sitting.sendAttendance(sittingId);
			return summary;
		})
	);

	socket.on(
		'item:rescore',
		command(socket, rescorePayload, ({ itemId }) => {
			const sittingId = sittingOf(itemId);
			const input = { itemId, userId: me.id, attendance: attendance(sittingId) };
			const { round } = rescoreItem(ctx.db, input, ctx.now());
			io.to([rooms.sitting(sittingId), lobbyRoom(sittingId)]).emit('item:state', {
				sittingId,
				itemId,
				state: 'scoring',
				scoringRound: round,
				at: ctx.now()
			});
			sendProgress(sittingId, itemId);
			board.touch(itemId);
			return { round };
		})
	);

	socket.on('disconnect', () => {
		for (const sittingId of sittings) board.touchSitting(sittingId);
	});
}
