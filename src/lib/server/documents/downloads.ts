// Who may download which council document, and under what name: one answer for the SvelteKit
// routes (src/routes/documents/…) and for the entry point's direct answer to a signed-in
// download (server/document-downloads.ts), so the two can never judge a reader differently.

import type { AccountRole } from '../../domain/accounts';
import type { Q } from '../db/client';
import { mayReadCouncilDocuments, resultCouncil, sittingCouncil } from './index';
import type { DocumentRequest } from './request';

/** A download address as routed: `/documents/report/12`, `/documents/sheet/12/<member>`, … */
export type DownloadAddress =
	| { kind: 'report'; seq: number }
	| { kind: 'sheet'; seq: number; member: string }
	| { kind: 'minutes'; sittingId: string };

export interface Download {
	request: DocumentRequest;
	filename: string;
}

const plain = (s: string) => s.replace(/[^\w-]/g, '');

/**
 * The document this reader gets at this address, or null: answered exactly as for a document
 * that does not exist. The report is the council's (with names) for its members and the office,
 * the published one for anyone else; score sheets and minutes are never public. `seq` is 0 for
 * an address that does not spell a sequence number canonically (route-params.ts).
 */
export function downloadFor(
	db: Q,
	user: { id: string; role: AccountRole } | null,
	address: DownloadAddress
): Download | null {
	switch (address.kind) {
		case 'report': {
			const { seq } = address;
			const councilId = seq > 0 ? resultCouncil(db, seq) : null;
			if (!councilId) return null;
			const insider = mayReadCouncilDocuments(db, user, councilId);
			return {
				request: { doc: 'report', seq, published: !insider, showNames: insider ? true : undefined },
				filename: `bao-cao-ket-qua-${seq}.pdf`
			};
		}
		case 'sheet': {
			const { seq, member } = address;
			const councilId = seq > 0 ? resultCouncil(db, seq) : null;
			if (!councilId || !mayReadCouncilDocuments(db, user, councilId)) return null;
			return {
				request: { doc: 'sheet', seq, member },
				filename: `phieu-danh-gia-${seq}-${plain(member)}.pdf`
			};
		}
		case 'minutes': {
			const councilId = sittingCouncil(db, address.sittingId);
			if (!councilId || !mayReadCouncilDocuments(db, user, councilId)) return null;
			return {
				request: { doc: 'minutes', sittingId: address.sittingId },
				filename: `bien-ban-${plain(address.sittingId)}.pdf`
			};
		}
	}
}
