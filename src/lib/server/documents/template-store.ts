// The office's province templates in the database (templates.ts reads them for every document).

import { asc } from 'drizzle-orm';
import type { Q } from '../db/client';
import { provinceTemplates } from '../db/schema/templates';
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

export function listTemplates(db: Q) {
	return db.select().from(provinceTemplates).orderBy(asc(provinceTemplates.place)).all();
}
