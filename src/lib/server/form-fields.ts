/** Reading a submitted form: trimmed, bounded text and whole numbers within a range. */

export function text(form: FormData, name: string, max = 500): string {
	return String(form.get(name) ?? '')
		.trim()
		.slice(0, max);
}

/** A whole number from min to max, or null for anything else (signs, decimals, spaces). */
export function whole(form: FormData, name: string, min: number, max: number): number | null {
	const raw = text(form, name, 20);
	if (!/^\d+$/.test(raw)) return null;
	const n = Number(raw);
	return n >= min && n <= max ? n : null;
}
