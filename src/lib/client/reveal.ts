/**
 * Brings a message into view as it appears. A page of several forms reports each form's outcome
 * at its top: after submitting a form further down (the office's council page: members, rounds,
 * sittings), the refusal was above the screen and nothing seemed to happen.
 */
export function reveal(node: HTMLElement): void {
	node.scrollIntoView({ block: 'nearest' });
}
