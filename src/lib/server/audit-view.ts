// The audit log as the office reads it: each action in words, each subject by its name, details
// with their instants as dates and times on Việt Nam's clock. A page's subjects are named in one
// query per kind of record (never one per row); a subject whose record is gone keeps its id.

import { and, eq, inArray } from 'drizzle-orm';
import {
	AUDIT_ACTIONS,
	auditActionKey,
	auditSubject,
	type AuditSubjectKind
} from '../domain/audit-actions';
import type { Locale, Translate } from '../i18n';
import { formatDateTime } from '../i18n/format';
import type { Q } from './db/client';
import {
	agendaItems,
	auditLog,
	councils,
	decisionComplaints,
	decisionItems,
	dossiers,
	lockedResults,
	organizations,
	products,
	recognitionDecisions,
	rounds,
	sittings,
	users
} from './db/schema';

export interface AuditRow {
	id: number;
	at: number;
	/** The person who acted, by name and e-mail; the id when the account is gone. */
	actor: string;
	action: string;
	actionLabel: string;
	/** The subject by name, or as written when it names no record we know. */
	subject: string;
	/** The subject as written (an id), for a title and for searching. */
	subjectId: string | null;
	detail: string;
}

type Entry = typeof auditLog.$inferSelect;
type Names = Map<string, string>;

/** One query per kind: the names of the records this page's subjects point at. */
function namesOf(db: Q, kind: AuditSubjectKind, ids: string[], t: Translate): Names {
	if (ids.length === 0) return new Map();
	const pairs = (rows: { id: string | number; name: string | null }[]): Names =>
		new Map(rows.flatMap((r) => (r.name ? [[String(r.id), r.name] as [string, string]] : [])));
	const seqs = ids.map(Number).filter((n) => Number.isInteger(n) && n > 0);
	switch (kind) {
		case 'user':
			return new Map(
				db
					.select({ id: users.id, name: users.name, email: users.email })
					.from(users)
					.where(inArray(users.id, ids))
					.all()
					.map((u) => [u.id, `${u.name} (${u.email})`])
			);
		case 'organization':
			return pairs(
				db
					.select({ id: organizations.id, name: organizations.name })
					.from(organizations)
					.where(inArray(organizations.id, ids))
					.all()
			);
		case 'dossier':
			return new Map(
				db
					.select({ id: dossiers.id, product: products.name, version: dossiers.version })
					.from(dossiers)
					.innerJoin(products, eq(products.id, dossiers.productId))
					.where(inArray(dossiers.id, ids))
					.all()
					.map((r) => [r.id, t('audit.subjects.dossier', r)])
			);
		case 'council':
			return pairs(
				db
					.select({ id: councils.id, name: councils.name })
					.from(councils)
					.where(inArray(councils.id, ids))
					.all()
			);
		case 'round':
			return pairs(
				db
					.select({ id: rounds.id, name: rounds.name })
					.from(rounds)
					.where(inArray(rounds.id, ids))
					.all()
			);
		case 'sitting':
			return pairs(
				db
					.select({ id: sittings.id, name: sittings.title })
					.from(sittings)
					.where(inArray(sittings.id, ids))
					.all()
			);
		case 'item':
			return new Map(
				db
					.select({ id: agendaItems.id, product: products.name, sitting: sittings.title })
					.from(agendaItems)
					.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
					.innerJoin(products, eq(products.id, dossiers.productId))
					.innerJoin(sittings, eq(sittings.id, agendaItems.sittingId))
					.where(inArray(agendaItems.id, ids))
					.all()
					.map((r) => [r.id, t('audit.subjects.item', r)])
			);
		case 'result':
			return new Map(
				db
					.select({ seq: lockedResults.seq, product: products.name })
					.from(lockedResults)
					.innerJoin(agendaItems, eq(agendaItems.id, lockedResults.itemId))
					.innerJoin(dossiers, eq(dossiers.id, agendaItems.dossierId))
					.innerJoin(products, eq(products.id, dossiers.productId))
					.where(inArray(lockedResults.seq, seqs))
					.all()
					.map((r) => [String(r.seq), t('audit.subjects.result', r)])
			);
		case 'decision':
			return new Map(
				db
					.select({ id: recognitionDecisions.id, number: recognitionDecisions.number })
					.from(recognitionDecisions)
					.where(inArray(recognitionDecisions.id, ids))
					.all()
					.map((r) => [r.id, t('audit.subjects.decision', r)])
			);
		case 'certificate':
			return new Map(
				db
					.select({ seq: decisionItems.seq, number: decisionItems.certificateNo })
					.from(decisionItems)
					.where(and(inArray(decisionItems.seq, seqs), eq(decisionItems.outcome, 'recognized')))
					.all()
					.map((r) => [String(r.seq), t('audit.subjects.certificate', r)])
			);
		case 'complaint':
			return new Map(
				db
					.select({ id: decisionComplaints.id, who: decisionComplaints.complainant })
					.from(decisionComplaints)
					.where(inArray(decisionComplaints.id, ids))
					.all()
					.map((r) => [r.id, t('audit.subjects.complaint', r)])
			);
		case 'template':
			return new Map(ids.map((place) => [place, t('audit.subjects.template', { place })]));
		case 'mail':
			return new Map(
				ids.map((id) => [
					id,
					id === 'failed' ? t('audit.subjects.mailFailed') : t('audit.subjects.mail', { id })
				])
			);
	}
}

// An instant the app writes (ms since 1970) between 2000 and 2100: shown as a date and time.
const EPOCH_FROM = Date.UTC(2000, 0, 1);
const EPOCH_TO = Date.UTC(2100, 0, 1);

/**
 * Where a detail's value is said in words, by the key it sits under: each namespace is tried in
 * order (an item's move and a dossier's step both write `from`), and a value no namespace
 * knows (an id, a date, free text) is shown as written.
 */
function valueNamespaces(action: string, key: string): string[] {
	if (key === 'from' || key === 'to') {
		if (action.startsWith('meeting.item')) return ['meeting.states'];
		if (action.startsWith('dossier.')) return ['dossier.states'];
		return [];
	}
	if (key === 'role') return action.startsWith('account.') ? ['roles'] : ['council.roles', 'roles'];
	if (key === 'outcome')
		return action.startsWith('ministry.') ? ['ministry.outcome'] : ['results.outcomes'];
	if (key === 'status') return ['certificates.complaints.statuses'];
	if (key === 'decision') return ['audit.detail.decisions'];
	if (key === 'kind') return ['dossier.fileKinds', 'dossier.registrationKinds', 'templates.kinds'];
	return [];
}

/**
 * A detail as "key: value; …" in the reader's language: keys by their label
 * (`audit.detail.keys`), states, roles and outcomes by their names, yes/no for a flag, instants
 * on Việt Nam's clock; nested keys are joined by " › ". Without a translator (a test of the
 * shape alone), keys and values stay as written.
 */
export function detailText(detail: unknown, locale: Locale, t?: Translate, action = ''): string {
	const known = (key: string): string | null => {
		if (!t) return null;
		const said = t(key);
		return said === key ? null : said;
	};
	const label = (path: string) =>
		path
			.split('.')
			.map((part) => known(`audit.detail.keys.${part}`) ?? part)
			.join(' › ');
	const value = (v: unknown, key: string): string => {
		if (typeof v === 'number' && Number.isInteger(v) && v >= EPOCH_FROM && v < EPOCH_TO)
			return formatDateTime(v, locale);
		if (typeof v === 'boolean') return known(`audit.detail.${v ? 'yes' : 'no'}`) ?? String(v);
		if (v && typeof v === 'object') return detailText(v, locale, t, action);
		if (typeof v === 'string')
			for (const ns of valueNamespaces(action, key)) {
				const said = known(`${ns}.${v}`);
				if (said) return said;
			}
		return String(v);
	};
	const parts: string[] = [];
	const walk = (v: unknown, path: string) => {
		if (v === null || v === undefined || v === '') return;
		const key = path.slice(path.lastIndexOf('.') + 1);
		if (Array.isArray(v)) {
			if (v.length) parts.push(`${label(path)}: ${v.map((x) => value(x, key)).join(', ')}`);
		} else if (typeof v === 'object' && !(v instanceof Date)) {
			for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
		} else {
			parts.push(path ? `${label(path)}: ${value(v, key)}` : value(v, key));
		}
	};
	walk(detail, '');
	return parts.join('; ');
}

/** The page's entries in words: actions, names of actors and subjects, readable details. */
export function auditView(db: Q, entries: Entry[], t: Translate, locale: Locale): AuditRow[] {
	const subjects = entries.map((e) => auditSubject(e.action, e.subject));
	const wanted = new Map<AuditSubjectKind, Set<string>>();
	const want = (kind: AuditSubjectKind, id: string) => {
		const set = wanted.get(kind) ?? new Set();
		set.add(id);
		wanted.set(kind, set);
	};
	for (const s of subjects) if (s) want(s.kind, s.id);
	for (const e of entries) if (e.actorId) want('user', e.actorId);
	const names = new Map(
		[...wanted].map(([kind, ids]) => [kind, namesOf(db, kind, [...ids], t)] as const)
	);
	return entries.map((e, i) => {
		const s = subjects[i];
		return {
			id: e.id,
			at: e.at,
			actor: e.actorId ? (names.get('user')?.get(e.actorId) ?? e.actorId) : '',
			action: e.action,
			actionLabel: Object.hasOwn(AUDIT_ACTIONS, e.action) ? t(auditActionKey(e.action)) : e.action,
			subject: (s && names.get(s.kind)?.get(s.id)) ?? e.subject ?? '',
			subjectId: e.subject,
			detail: e.detail == null ? '' : detailText(e.detail, locale, t, e.action)
		};
	});
}
