// The signature block of a document, from the province's template (/office/templates): the
// authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH") and the title are the province's, so
// nothing about who signs for whom is written into the document code.

import type { Signer } from './frame';
import type { ProvinceTemplate, SignerLine } from './templates';

const KT = /^KT\.\s*/u;

/** Whether the lines make a deputy sign for the head ("KT. CHỦ TỊCH"). */
export function signsForHead(authority: readonly string[]): boolean {
	return authority.some((a) => KT.test(a));
}

/**
 * `line` as a signature block. `recorded` is what the office recorded for this very document
 * (a decision's signer): its name wins over the template's, which stands for documents no one
 * recorded a signer for. When the recorded title is the head's own ("Chủ tịch" under
 * "KT. CHỦ TỊCH"), the head signs without "KT." (Nghị định 30/2020, Điều 13): that line goes and
 * the head's title replaces the deputy's.
 */
export function signerBlock(
	line: SignerLine,
	recorded: { name?: string | null; title?: string | null } = {}
): Signer {
	const name = recorded.name?.trim() || line.name;
	const title = (recorded.title ?? '').trim().toLocaleUpperCase('vi');
	const kt = line.authority.findIndex((a) => KT.test(a));
	if (kt >= 0 && title) {
		const head = line.authority[kt].replace(KT, '').trim().toLocaleUpperCase('vi');
		if (title === head || title.startsWith(`${head} `))
			return { authority: line.authority.filter((_, i) => i !== kt), title: head, name };
	}
	return { authority: [...line.authority], title: line.title, name };
}

/**
 * Who issues the recognition decision, as its signature says: signed "TM. ỦY BAN NHÂN DÂN", it is
 * the committee's ("ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG" above its articles); without a "TM." line
 * the chair decides in person ("CHỦ TỊCH ỦY BAN NHÂN DÂN …"). The heading, the annex, the
 * certificate and the notice that cite the decision all say the same.
 */
export function decisionIssuer(t: ProvinceTemplate): string {
	const collective = t.signers.decision.authority.some((a) => /^TM\./u.test(a));
	return collective ? t.ubnd.name : `Chủ tịch ${t.ubnd.name}`;
}
