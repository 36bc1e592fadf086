/** Chủ thể OCOP kinds, registration kinds (Mẫu 01) and the representative facts of 3.2. */
export const ORGANIZATION_KINDS = [
	'cooperative',
	'cooperative-group',
	'enterprise',
	'farm',
	'household-business'
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const REGISTRATION_KINDS = ['first', 'upgrade', 'reevaluation'] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];

export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * The producer's address in one line: the street address, then the commune and the province
 * unless the address already names them. The profile keeps the three apart, but producers (and
 * the demo data) often type the whole address, "Xã Quế Sơn, thành phố Đà Nẵng", into the first;
 * appending the commune and province again printed "Xã Quế Sơn, thành phố Đà Nẵng, Xã Quế Sơn,
 * Đà Nẵng". A part counts as named when one of the address's comma-separated segments is the
 * same name, compared without case and without its "xã", "phường", "tỉnh" or "thành phố": a
 * whole segment, so "Xã Hòa Vang" in the address does not stand for the commune "Xã Hòa".
 */
export function fullAddress(o: {
	address: string | null;
	commune: string | null;
	province: string | null;
}): string {
	const name = (s: string) =>
		s
			.normalize('NFC')
			.toLocaleLowerCase('vi')
			.replace(/\s+/g, ' ')
			.trim()
			.replace(/^(thành phố|tp\.|tỉnh|xã|phường|thị trấn|đặc khu)\s+/u, '');
	const parts: string[] = [];
	const named = new Set<string>();
	for (const raw of [o.address, o.commune, o.province]) {
		const part = raw?.trim();
		if (!part || named.has(name(part))) continue;
		parts.push(part);
		for (const segment of part.split(',')) named.add(name(segment));
	}
	return parts.join(', ');
}
