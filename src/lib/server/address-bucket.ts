import { isIP } from 'node:net';

/** Groups (of 16 bits) an IPv6 address part spells, an embedded IPv4 counting as two. */
const groupsOf = (part: string) =>
	part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));

/**
 * The bucket a per-address limit counts an address in. An IPv4 address is its own bucket; an IPv6
 * address counts as its /64, because a home or an office is given a whole /64 and one machine can
 * pick a fresh address in it for every attempt (privacy extensions do so on their own). Anything
 * else (the "unknown" of a socket without a peer) is returned as it is.
 */
export function addressBucket(address: string): string {
	if (isIP(address) !== 6) return address;
	const zone = address.indexOf('%');
	const bare = (zone < 0 ? address : address.slice(0, zone)).toLowerCase();
	const gap = bare.indexOf('::');
	const groups =
		gap < 0
			? groupsOf(bare)
			: (() => {
					const head = groupsOf(bare.slice(0, gap));
					const tail = groupsOf(bare.slice(gap + 2));
					return [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
				})();
	return `${groups
		.slice(0, 4)
		.map((g) => parseInt(g, 16).toString(16))
		.join(':')}::/64`;
}
