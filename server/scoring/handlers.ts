import {
	closePayload,
	rescorePayload,
	submitPayload,
	watchPayload
} from '../../src/lib/protocol/scoring-events';
import { rooms } from '../../src/lib/protocol/socket';
import { closeItem } from '../../src/lib/server/scoring/close';
import { submitCard } from '../../src/lib/server/scoring/cards';
import { ScoringError } from '../../src/lib/server/scoring/errors';
import { getItem } from '../../src/lib/server/membership';
import { rescoreItem } from '../../src/lib/server/scoring/rescore';
import { lockedSummary } from '../../src/lib/server/scoring/summary';
import { boardOf, watchItem } from '../../src/lib/server/scoring/watch';
import type { AppSocket, RealtimeDeps } from '../socket';
import { boardFeed } from './board-feed';
import { command } from './command';
import { presentMembers } from './presence';

/** Scoring commands of one connected socket. */
export function registerScoringHandlers(socket: AppSocket, deps: RealtimeDeps): void {
	const { ctx, io } = deps;
	const feed = boardFeed(deps);
	const me = socket.data.user;
	const sittings = new Set<string>();
	const sittingOf = (itemId: string) => {
		const item = getItem(ctx.db, itemId);
		if (!item) throw new ScoringError('not-found', 'notFound');
		return item.sittingId;
	};
	const attendance = (sittingId: string) => ({ presentIds: [...presentMembers(deps, sittingId)] });
	const progress = (sittingId: string, itemId: string) => {
		const data = watchItem(ctx.db, itemId, me.id, feed.liveFacts(sittingId, itemId));
		const { round, submitted, eligible } = data.status;
		io.to(rooms.sitting(sittingId)).emit('scoring:progress', {
			itemId,
			round,
			submitted,
			eligible
		});
	};

	socket.on(
		'scoring:watch',
		command(socket, watchPayload, async ({ itemId }) => {
			const sittingId = sittingOf(itemId);
			const data = watchItem(ctx.db, itemId, me.id, feed.liveFacts(sittingId, itemId));
			await socket.join(rooms.sitting(sittingId));
			if (data.role === 'staff') {
				await socket.join(rooms.sittingStaff(sittingId));
				feed.watch(itemId, sittingId);
				// Joined now: the watcher counts as connected on their own first board.
				data.board = boardOf(ctx.db, itemId, feed.liveFacts(sittingId, itemId));
			}
			sittings.add(sittingId);
			feed.touchSitting(sittingId);
			return data;
		})
	);

	socket.on(
		'score:submit',
		command(socket, submitPayload, ({ itemId, choices }) => {
			const sittingId = sittingOf(itemId);
			const { progress: counts, ...result } = submitCard(
				ctx.db,
				{ itemId, userId: me.id, choices },
				ctx.now()
			);
			// The counts come from the submit's own transaction: no second read of the item.
			io.to(rooms.sitting(sittingId)).emit('scoring:progress', {
				itemId,
				round: result.round,
				...counts
			});
			feed.touch(itemId);
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
			const round = summary.round;
			const at = record.closedAt;
			io.to(rooms.sitting(sittingId)).emit('item:state', {
				sittingId,
				itemId,
				state: 'closed',
				scoringRound: round,
				at
			});
			io.to(rooms.sitting(sittingId)).emit('result:locked', summary);
			for (const [userId, receipt] of Object.entries(receipts))
				io.to(rooms.user(userId)).emit('scoring:receipt', { itemId, receipt });
			feed.touch(itemId);
			return summary;
		})
	);

	socket.on(
		'item:rescore',
		command(socket, rescorePayload, ({ itemId }) => {
			const sittingId = sittingOf(itemId);
			const input = { itemId, userId: me.id, attendance: attendance(sittingId) };
			const { round } = rescoreItem(ctx.db, input, ctx.now());
			const at = ctx.now();
			io.to(rooms.sitting(sittingId)).emit('item:state', {
				sittingId,
				itemId,
				state: 'scoring',
				scoringRound: round,
				at
			});
			progress(sittingId, itemId);
			feed.touch(itemId);
			return { round };
		})
	);

	socket.on('disconnect', () => {
		for (const sittingId of sittings) feed.touchSitting(sittingId);
	});
}
