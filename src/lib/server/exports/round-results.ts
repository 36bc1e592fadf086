// A round's results as a table for the office, CSV or XLSX, in the reader's language: headings,
// levels, set names, outcomes and yes/no in words, dates as dates. One row per locked result,
// figures and names as locked (the rows come from the hashed records), then the signed chain head
// at export time.

import type { CertificateStanding } from '../../domain/certificate-life';
import { listProductSets } from '../../domain/rubrics';
import { listCertificates, type CertificateView } from '../certificates/standing';
import { translator, type Locale } from '../../i18n';
import { formatDate } from '../../i18n/format';
import type { ChainHead } from '../chain-head';
import type { Q } from '../db/client';
import { partAverages, vnDate } from '../results/figures';
import { listResults, recordsOf, type ResultFilters } from '../results/repository';
import { matchesExtra, outcomeKey, outcomeLabel, type ExtraFilters } from '../results/statistics';
import { issuedCodePrefixes } from '../documents/product-code';
import { tablesCsv, tablesXlsx, type Column, type Table } from './table';

const COLUMNS = [
	['seq', 'int'],
	['year', 'int'],
	['round', 'int'],
	['level', 'text'],
	['product', 'text'],
	['productCode', 'text'],
	['organization', 'text'],
	['commune', 'text'],
	['set', 'text'],
	['average', 'average'],
	['partA', 'average'],
	['partB', 'average'],
	['partC', 'average'],
	['spread', 'decimal'],
	['stars', 'int'],
	['outcome', 'text'],
	['closedOn', 'date'],
	['published', 'text'],
	['decision', 'text'],
	['decidedOn', 'date'],
	['recognizedStars', 'int'],
	['certificate', 'text'],
	['expiresOn', 'date'],
	['certificateStatus', 'text'],
	['hash', 'text']
] as const;

export type ExportKey = (typeof COLUMNS)[number][0];
export type ExportRow = Record<ExportKey, string | number | null>;

export function exportColumns(locale: Locale): Column<ExportKey>[] {
	const t = translator(locale);
	return COLUMNS.map(([key, kind]) => ({
		key,
		kind,
		header: t(`results.export.columns.${key}`),
		width: key === 'hash' ? 66 : key === 'product' || key === 'organization' ? 32 : undefined
	}));
}

/** "7. Đồ uống không cồn": the set's number and its statutory name. */
export function setLabel(no: number): string {
	const set = listProductSets().find((s) => s.no === no);
	return set ? `${no}. ${set.name}` : String(no);
}

/**
 * Where a certificate stands on `today`, in the words the office's pages use: a file that listed
 * a revoked or replaced certificate only by its number and "valid until" would show it in force.
 */
function certificateStatus(
	c: CertificateView,
	t: ReturnType<typeof translator>,
	locale: Locale
): string {
	const s: CertificateStanding = c.standing;
	const date = (iso: string | null) => (iso ? formatDate(iso, locale) : '');
	switch (s.phase) {
		case 'revoked':
			return t('certificates.phase.revoked', {
				number: c.revocation?.number ?? '',
				date: date(s.revokedOn)
			});
		case 'superseded':
			return t('certificates.phase.superseded', {
				number: c.replacement?.certificateNo ?? '',
				date: date(s.supersededOn)
			});
		case 'window':
			return t('certificates.phase.window', {
				days: s.daysToFilingDeadline ?? 0,
				opens: date(s.windowOpens),
				closes: date(s.windowCloses)
			});
		case 'closing':
			return t('certificates.phase.closing', {
				date: date(s.expiresOn),
				closes: date(s.windowCloses)
			});
		case 'grace':
			return t('certificates.phase.grace');
		case 'expired':
			return t('certificates.phase.expired', { date: date(s.expiredFrom) });
		case 'valid':
			return t('certificates.phase.valid', { date: date(s.expiresOn) });
	}
}

export function exportRows(
	db: Q,
	filters: ResultFilters & ExtraFilters,
	locale: Locale = 'vi',
	today: string = vnDate(Date.now())
): ExportRow[] {
	const t = translator(locale);
	const certificates = new Map(listCertificates(db, today).map((c) => [c.seq, c]));
	const { rows: all } = listResults(db, filters, { published: false, limit: 100_000, offset: 0 });
	const rows = all.filter((r) => matchesExtra(r, filters));
	const records = new Map(
		recordsOf(
			db,
			rows.map((r) => r.seq)
		).map((r) => [r.seq, r])
	);
	const codes = issuedCodePrefixes(
		db,
		[...records.values()].map((r) => r.dossierId)
	);
	return rows.map((row) => {
		const record = records.get(row.seq)!;
		const code = codes.get(record.dossierId);
		const parts = partAverages(record);
		const cert = row.certificateNo ? certificates.get(row.seq) : undefined;
		return {
			seq: row.seq,
			year: row.year,
			round: row.roundNo,
			level: t(`results.levels.${row.level}`),
			product: row.productName,
			// As the documents printed it (certificate, decision); empty until one was issued.
			productCode: code ? `${code}-${row.year}` : null,
			organization: row.organization,
			commune: row.commune,
			set: setLabel(row.productSetNo),
			average: record.result.average,
			partA: parts.A,
			partB: parts.B,
			partC: parts.C,
			spread: record.result.spread,
			stars: record.result.stars,
			outcome: outcomeLabel(outcomeKey(row), locale),
			closedOn: vnDate(record.closedAt),
			published: t(row.publishedAt ? 'results.export.yes' : 'results.export.no'),
			decision: row.decisionNumber,
			decidedOn: row.decidedOn,
			// The level the decision recognised, which may differ from the council's (a returned 5★
			// candidate); empty while undecided or when the decision forwarded it instead.
			recognizedStars: row.outcome === 'recognized' ? (row.decisionStars ?? row.stars) : null,
			certificate: row.certificateNo,
			expiresOn: row.expiresOn,
			certificateStatus: cert ? certificateStatus(cert, t, locale) : null,
			hash: record.hash
		};
	});
}

function headRows(head: ChainHead, locale: Locale): (string | number)[][] {
	const t = translator(locale);
	return [
		['title', 'seq', 'hash', 'at', 'key', 'signature'].map((k) => t(`results.export.head.${k}`)),
		['', head.seq, head.hash, new Date(head.at).toISOString(), head.key, head.signature]
	];
}

function table(rows: ExportRow[], title: string, locale: Locale): Table<ExportKey> {
	return { name: title, columns: exportColumns(locale), rows };
}

/** After a blank line, the signed chain head: a reader compares it with the public page. */
export function toCsv(rows: ExportRow[], head: ChainHead | null = null, locale: Locale = 'vi') {
	return tablesCsv([table(rows, '', locale)], locale, {
		trailer: head ? headRows(head, locale) : undefined
	});
}

export async function toXlsx(
	rows: ExportRow[],
	title: string,
	head: ChainHead | null = null,
	locale: Locale = 'vi'
): Promise<Buffer> {
	const t = translator(locale);
	return tablesXlsx(
		[table(rows, title || t('results.export.sheet'), locale)],
		head ? [{ name: t('results.export.chainSheet'), rows: headRows(head, locale) }] : []
	);
}
