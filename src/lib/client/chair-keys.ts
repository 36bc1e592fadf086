// The chair's keyboard shortcuts. Single keys, as in most meeting tools, but never while the
// person types (a field, a text area, an editable note) or holds a modifier, and never while a
// dialog is open: a letter typed in the chat must not move the agenda.

export type ChairKey = 'next' | 'timer' | 'hand' | 'board' | 'card' | 'help';

const KEYS: Record<string, ChairKey> = {
	n: 'next',
	t: 'timer',
	h: 'hand',
	b: 'board',
	s: 'card',
	'?': 'help'
};

export interface KeyLike {
	key: string;
	altKey: boolean;
	ctrlKey: boolean;
	metaKey: boolean;
	repeat?: boolean;
	target: EventTarget | null;
}

function typingIn(target: EventTarget | null): boolean {
	const el = target as { tagName?: string; isContentEditable?: boolean } | null;
	if (!el || typeof el.tagName !== 'string') return false;
	return el.isContentEditable === true || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function chairKey(e: KeyLike, dialogOpen = false): ChairKey | null {
	if (e.altKey || e.ctrlKey || e.metaKey || e.repeat || dialogOpen) return null;
	if (typingIn(e.target)) return null;
	return KEYS[e.key.toLowerCase()] ?? null;
}
