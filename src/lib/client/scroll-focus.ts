// A box that scrolls sideways (a wide table on a phone) has to be reachable with the keyboard,
// or its hidden columns cannot be scrolled to without a mouse (WCAG 2.1.1; axe's
// scrollable-region-focusable). Only while it does scroll: otherwise the stop would be useless.
// Focused, it is announced as a region named after the table's caption or the heading before it.
// When that heading already names the section around it (a landmark of the same name), a second
// region of that name would be a duplicate landmark (axe's landmark-unique, seen on the office's
// decisions page at phone width): the box is then a named group inside that region instead.

function regionName(el: HTMLElement): string | null {
	const caption = el.querySelector('caption')?.textContent?.trim();
	if (caption) return caption;
	for (let s = el.previousElementSibling; s; s = s.previousElementSibling)
		if (/^H[1-6]$/.test(s.tagName)) return s.textContent?.trim() || null;
	return null;
}

/** Whether a landmark around `el` already carries `name` (a section labelled by its heading). */
function landmarkNamed(el: HTMLElement, name: string): boolean {
	const around = el.parentElement?.closest<HTMLElement>(
		'section[aria-labelledby], section[aria-label], [role=region]'
	);
	if (!around) return false;
	const label =
		around.getAttribute('aria-label') ??
		around
			.getAttribute('aria-labelledby')
			?.split(/\s+/)
			.map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
			.join(' ');
	return label?.trim() === name;
}

export function scrollFocus(el: HTMLElement) {
	const update = () => {
		if (el.scrollWidth > el.clientWidth + 1) {
			el.tabIndex = 0;
			const name = regionName(el);
			if (name) {
				el.setAttribute('role', landmarkNamed(el, name) ? 'group' : 'region');
				el.setAttribute('aria-label', name);
			}
		} else {
			for (const a of ['tabindex', 'role', 'aria-label']) el.removeAttribute(a);
		}
	};
	const observer = new ResizeObserver(update);
	observer.observe(el);
	if (el.firstElementChild) observer.observe(el.firstElementChild);
	// No first measure here: a ResizeObserver reports every observed box once after the next
	// layout anyway, while measuring now, in the middle of the page's hydration, forced a layout
	// of its own (30+ ms of the board's first long task on a phone).
	return {
		destroy() {
			observer.disconnect();
		}
	};
}
