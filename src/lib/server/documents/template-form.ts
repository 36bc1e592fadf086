// The office's template form: reads and checks every field, so that a template the documents
// use is always whole. Problems come back per field as i18n keys (`templates.errors.*`), and
// nothing is stored while there is one.

import { hasControlChars } from '../../domain/plain-text';
import {
	RECIPIENT_KINDS,
	SIGNER_KINDS,
	type IssuingBody,
	type ProvinceTemplate,
	type SignerLine
} from './templates';

export interface FieldProblem {
	field: string;
	key: string;
	params?: Record<string, string | number>;
}

const MAX_TEXT = 200;
const MAX_LINES = 30;
/** Capitals (with Vietnamese letters), digits and & — the body's part of `03/BB-HĐOCOP`. */
const SYMBOL = /^[\p{Lu}0-9&]{1,20}$/u;
const CODE = /^\d{1,6}$/;

export type FormValues = Record<string, string>;

/** The form's fields as strings (a missing field is empty; a file or a repeat is refused). */
export function formValues(form: FormData): FormValues | null {
	const out: FormValues = {};
	for (const [k, v] of form) {
		if (typeof v !== 'string' || k in out) return null;
		out[k] = v.normalize('NFC').replace(/\r\n?/g, '\n');
	}
	return out;
}

/** The template's fields as the form shows them (lines for lists). */
export function templateValues(t: ProvinceTemplate): FormValues {
	const v: FormValues = {
		place: t.place,
		provinceName: t.provinceName,
		provinceCode: t.provinceCode,
		communeCodes: Object.entries(t.communeCodes)
			.map(([name, code]) => `${name} = ${code}`)
			.join('\n'),
		reportTo: t.reportTo
	};
	for (const body of ['ubnd', 'council', 'office'] as const) {
		v[`${body}.parent`] = t[body].parent ?? '';
		v[`${body}.name`] = t[body].name;
		v[`${body}.symbol`] = t[body].symbol;
	}
	for (const k of RECIPIENT_KINDS) v[`recipients.${k}`] = t.recipients[k].join('\n');
	for (const k of SIGNER_KINDS) {
		v[`signers.${k}.authority`] = t.signers[k].authority.join('\n');
		v[`signers.${k}.title`] = t.signers[k].title;
		v[`signers.${k}.name`] = t.signers[k].name;
	}
	return v;
}

export function parseTemplate(
	v: FormValues
): { template: ProvinceTemplate; problems: [] } | { template: null; problems: FieldProblem[] } {
	const problems: FieldProblem[] = [];
	const text = (field: string, required = true): string => {
		const s = (v[field] ?? '').trim();
		if (required && !s) problems.push({ field, key: 'required' });
		else if (s.length > MAX_TEXT || s.includes('\n'))
			problems.push({ field, key: 'tooLong', params: { max: MAX_TEXT } });
		else if (hasControlChars(s)) problems.push({ field, key: 'control' });
		return s;
	};
	const lines = (field: string, required: boolean): string[] => {
		const list = (v[field] ?? '')
			.split('\n')
			.map((l) => l.trim().replace(/^-\s*/, '').replace(/[;.]$/, ''))
			.filter(Boolean);
		if (required && list.length === 0) problems.push({ field, key: 'required' });
		else if (list.length > MAX_LINES)
			problems.push({ field, key: 'tooManyLines', params: { max: MAX_LINES } });
		else if (list.some((l) => l.length > MAX_TEXT))
			problems.push({ field, key: 'lineTooLong', params: { max: MAX_TEXT } });
		else if (list.some(hasControlChars)) problems.push({ field, key: 'control' });
		return list;
	};
	const body = (key: 'ubnd' | 'council' | 'office', parent: boolean): IssuingBody => {
		const symbol = text(`${key}.symbol`);
		if (symbol && !SYMBOL.test(symbol)) problems.push({ field: `${key}.symbol`, key: 'symbol' });
		return {
			parent: parent ? text(`${key}.parent`) || null : null,
			name: text(`${key}.name`),
			symbol
		};
	};

	const provinceCode = text('provinceCode', false);
	if (provinceCode && !CODE.test(provinceCode))
		problems.push({ field: 'provinceCode', key: 'code' });
	const communeCodes: Record<string, string> = {};
	lines('communeCodes', false).forEach((line, i) => {
		const m = /^(.+?)\s*=\s*(\d{1,6})$/u.exec(line);
		if (!m) problems.push({ field: 'communeCodes', key: 'communeLine', params: { line: i + 1 } });
		else if (m[1] in communeCodes)
			problems.push({ field: 'communeCodes', key: 'communeTwice', params: { name: m[1] } });
		else communeCodes[m[1]] = m[2];
	});

	const recipients = {} as ProvinceTemplate['recipients'];
	for (const k of RECIPIENT_KINDS) {
		const list = lines(`recipients.${k}`, true);
		// Nghị định 30/2020: the last recipient is the archive, "Lưu: VT, …".
		if (list.length && !/^Lưu\s*:/u.test(list.at(-1)!))
			problems.push({ field: `recipients.${k}`, key: 'archiveLast' });
		recipients[k] = list;
	}
	const signers = {} as Record<(typeof SIGNER_KINDS)[number], SignerLine>;
	for (const k of SIGNER_KINDS)
		signers[k] = {
			authority: lines(`signers.${k}.authority`, false).map((l) => l.toUpperCase()),
			title: text(`signers.${k}.title`).toUpperCase(),
			name: text(`signers.${k}.name`, false)
		};

	const template: ProvinceTemplate = {
		place: text('place'),
		provinceName: text('provinceName'),
		provinceCode,
		communeCodes,
		ubnd: body('ubnd', false),
		council: body('council', true),
		office: body('office', true),
		reportTo: text('reportTo'),
		signers,
		recipients
	};
	if (problems.length) return { template: null, problems };
	return { template, problems: [] };
}
