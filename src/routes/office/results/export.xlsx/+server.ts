import { latestChainHead } from '$lib/server/chain-head';
import { appContext } from '$lib/server/context';
import { fileResponse } from '$lib/server/documents/http';
import { exportRows, toXlsx } from '$lib/server/exports/round-results';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/require-area';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const GET: RequestHandler = guarded(async ({ url }) => {
	const roundId = url.searchParams.get('roundId') || undefined;
	const { db } = appContext();
	const rows = exportRows(db, { roundId });
	const title = rows[0] && roundId ? `Đợt ${rows[0].round} năm ${rows[0].year}` : 'Kết quả OCOP';
	return fileResponse(
		await toXlsx(rows, title, latestChainHead(db)),
		XLSX,
		`ket-qua-ocop${roundId ? `-${roundId.replace(/[^\w-]/g, '')}` : ''}.xlsx`
	);
});
