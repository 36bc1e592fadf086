// The producer's address in one line (dossier summary): the commune and the province are added
// unless the address already names them, so "Xã Quế Sơn, thành phố Đà Nẵng" is not followed by
// "Xã Quế Sơn, Đà Nẵng" again.
import { describe, expect, it } from 'vitest';
import { fullAddress } from '../../src/lib/domain/organization';

describe('fullAddress', () => {
	it.each([
		[['Xã Quế Sơn, thành phố Đà Nẵng', 'Xã Quế Sơn', 'Đà Nẵng'], 'Xã Quế Sơn, thành phố Đà Nẵng'],
		[['Thôn Phú Thọ', 'Xã Quế Sơn', 'Đà Nẵng'], 'Thôn Phú Thọ, Xã Quế Sơn, Đà Nẵng'],
		[
			['Thôn 2, xã quế sơn', 'Xã Quế Sơn', 'thành phố Đà Nẵng'],
			'Thôn 2, xã quế sơn, thành phố Đà Nẵng'
		],
		[[null, 'Xã Quế Sơn', 'Đà Nẵng'], 'Xã Quế Sơn, Đà Nẵng'],
		[['', null, null], ''],
		// A whole segment only: "Xã Hòa Vang" does not stand for the commune "Xã Hòa".
		[['Xã Hòa Vang', 'Xã Hòa', 'Đà Nẵng'], 'Xã Hòa Vang, Xã Hòa, Đà Nẵng']
	] as const)('%j → %s', ([address, commune, province], line) => {
		expect(fullAddress({ address, commune, province })).toBe(line);
	});
});
