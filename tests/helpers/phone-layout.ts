import type { Page } from 'playwright-core';

/** A small phone, portrait: the size the member pages must fit without sideways scrolling. */
export const PHONE = { width: 360, height: 740 };

export interface LayoutFigures {
	scrollWidth: number;
	clientWidth: number;
	headerHeight: number;
	/** Elements that stick out to the right of the page (only to explain a failure). */
	offenders: string[];
}

/**
 * The page's width against the viewport's, and the site header's height. Offenders are the
 * outermost elements that reach past the right edge and are not inside a box that scrolls or
 * clips them: those are the ones that make the page scroll sideways.
 */
export function measureLayout(page: Page): Promise<LayoutFigures> {
	return page.evaluate(() => {
		const root = document.scrollingElement!;
		const width = root.clientWidth;
		const clipped = (el: Element): boolean => {
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
				if (getComputedStyle(p).overflowX !== 'visible') return true;
			}
			return false;
		};
		const found: Element[] = [];
		for (const el of document.body.querySelectorAll('*')) {
			const box = el.getBoundingClientRect();
			if (box.width === 0 || box.right <= width + 0.5 || clipped(el)) continue;
			if (found.some((f) => f.contains(el))) continue;
			found.push(el);
			if (found.length >= 8) break;
		}
		const offenders = found.map((el) => {
			const cls = [...el.classList].map((c) => `.${c}`).join('');
			const right = Math.round(el.getBoundingClientRect().right);
			return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} (right ${right})`;
		});
		const header = document.querySelector('.site-header')!.getBoundingClientRect();
		return {
			scrollWidth: root.scrollWidth,
			clientWidth: width,
			headerHeight: header.height,
			offenders
		};
	});
}

/** Whether the box of `selector`'s first match lies wholly between the top and `bottom`. */
export function inView(page: Page, selector: string, bottomSelector?: string) {
	return page.evaluate(
		([sel, below]) => {
			const box = document.querySelector(sel)!.getBoundingClientRect();
			const limit = below
				? document.querySelector(below)!.getBoundingClientRect().top
				: window.innerHeight;
			return {
				top: box.top,
				bottom: box.bottom,
				limit,
				inside: box.top >= 0 && box.bottom <= limit
			};
		},
		[selector, bottomSelector ?? ''] as const
	);
}
