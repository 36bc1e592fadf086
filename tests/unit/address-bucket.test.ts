import { describe, expect, it } from 'vitest';
import { addressBucket } from '../../src/lib/server/address-bucket';

describe('addressBucket', () => {
	it('keeps an IPv4 address, and anything that is not an address, as it is', () => {
		expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
		expect(addressBucket('unknown')).toBe('unknown');
	});

	it('counts an IPv6 address as its /64, however it is written', () => {
		const bucket = '2001:db8:1:2::/64';
		for (const a of [
			'2001:db8:1:2::1',
			'2001:db8:1:2::ffff',
			'2001:DB8:1:2:aaaa:bbbb:cccc:dddd',
			'2001:0db8:0001:0002:0:0:0:9',
			'2001:db8:1:2:0:0:1.2.3.4',
			'2001:db8:1:2::1%eth0'
		])
			expect(addressBucket(a), a).toBe(bucket);
		expect(addressBucket('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
		expect(addressBucket('::1')).toBe('0:0:0:0::/64');
		expect(addressBucket('fe80::1')).toBe('fe80:0:0:0::/64');
		expect(addressBucket('2001:db8::')).toBe('2001:db8:0:0::/64');
		expect(addressBucket('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
	});
});
