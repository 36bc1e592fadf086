// The office's province templates in the database (templates.ts reads them for every document).

import { asc, eq } from 'drizzle-orm';
import { audit } from '../audit';
import type { Db, Q } from '../db/client';
import { provinceTemplates } from '../db/schema/templates';
import { templateValues } from './template-form';
import type { ProvinceTemplate } from './templates';

export function saveTemplate(
	db: Q,
	template: ProvinceTemplate,
	by: string | null,
	now: number,
	opts: { keepExisting?: boolean } = {}
): void {
	const row = { place: template.place, data: template, updatedBy: by, updatedAt: now };
	const q = db.insert(provinceTemplates).values(row);
	if (opts.keepExisting) q.onConflictDoNothing().run();
	else
		q.onConflictDoUpdate({
			target: provinceTemplates.place,
			set: { data: template, updatedBy: by, updatedAt: now }
		}).run();
}

export interface TemplateChange {
	field: string;
	/** Null when the template is new. */
	before: string | null;
	after: string;
}

/**
 * The office's save from /office/templates: stored with an audit entry naming every field that
 * changed, before and after, in one transaction (a template decides who signs the province's
 * documents, so a change must be traceable to a person). A save that changes nothing writes
 * nothing. Returns the changes.
 */
export function updateTemplate(
	db: Db,
	template: ProvinceTemplate,
	by: string,
	now: number
): TemplateChange[] {
	return db.transaction((tx) => {
		const old = tx
			.select({ data: provinceTemplates.data })
			.from(provinceTemplates)
			.where(eq(provinceTemplates.place, template.place))
			.get()?.data;
		const before = old ? templateValues(old) : null;
		const after = templateValues(template);
		const changes = Object.entries(after)
			.filter(([field, value]) => (before ? before[field] !== value : value !== ''))
			.map(([field, value]) => ({
				field,
				before: before ? (before[field] ?? '') : null,
				after: value
			}));
		if (changes.length === 0) return changes;
		saveTemplate(tx, template, by, now);
		audit(
			tx,
			{
				actorId: by,
				action: before ? 'template.update' : 'template.create',
				subject: `template:${template.place}`,
				detail: { changes }
			},
			now
		);
		return changes;
	});
}

export function listTemplates(db: Q) {
	return db.select().from(provinceTemplates).orderBy(asc(provinceTemplates.place)).all();
}
