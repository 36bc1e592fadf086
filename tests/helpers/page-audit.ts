import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE_390 = { width: 390, height: 844 };

/**
 * axe-core's serious and critical findings on the page as it is now, one line each with the
 * first few offending elements, so a failure says what to fix. Every rule runs (WCAG 2.x A/AA
 * and best practices); minor and moderate findings are not counted. `within` narrows the run
 * to one part of the page (a CSS selector).
 */
export async function seriousViolations(page: Page, within?: string): Promise<string[]> {
	const builder = new AxeBuilder({ page });
	if (within) builder.include(within);
	const result = await builder.analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => {
			const where = v.nodes
				.slice(0, 3)
				.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary}` : ''}`)
				.join(' | ');
			return `${v.impact} ${v.id} (${v.help}, ${v.nodes.length}×): ${where}`;
		});
}

/**
 * The findings of the named axe rules only, whatever their impact (a moderate landmark-unique
 * too), one line each with the offending elements: for a test that guards one known finding.
 */
export async function ruleViolations(page: Page, rules: string[]): Promise<string[]> {
	const result = await new AxeBuilder({ page }).withRules(rules).analyze();
	return result.violations.map(
		(v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`
	);
}

export interface Overflow {
	scrollWidth: number;
	innerWidth: number;
	/** Outermost elements whose right edge passes the viewport outside a sideways scroller. */
	offenders: string[];
	/** Chart labels and figures (SVG text, or a box chart's cells) cut off or outside their chart. */
	clippedLabels: string[];
}

/**
 * What reaches past the right edge of the viewport. A box meant to scroll sideways (overflow-x
 * auto or scroll: a wide table in its own scroller) may hold wider content; anything else that
 * passes the edge is either scrolled to or cut off, and both hide content on a phone.
 */
export function measureOverflow(page: Page): Promise<Overflow> {
	return page.evaluate(() => {
		const width = window.innerWidth;
		const describe = (el: Element, right: number) => {
			const cls = [...el.classList].map((c) => `.${c}`).join('');
			const text = (el.textContent ?? '').trim().slice(0, 40);
			return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} right ${Math.round(right)} «${text}»`;
		};
		// An absolutely positioned element is clipped only by its containing block and what
		// contains that: inside a scroller that is not positioned, it escapes and widens the page.
		const inScroller = (el: Element): boolean => {
			let escaping = /absolute|fixed/.test(getComputedStyle(el).position);
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
				const s = getComputedStyle(p);
				if (escaping && s.position === 'static') continue;
				if (s.overflowX === 'auto' || s.overflowX === 'scroll') return true;
				escaping = /absolute|fixed/.test(s.position);
			}
			return false;
		};
		const found: Element[] = [];
		for (const el of document.body.querySelectorAll('*')) {
			const box = el.getBoundingClientRect();
			if (box.width === 0 || box.height === 0 || box.right <= width + 0.5) continue;
			if (inScroller(el) || found.some((f) => f.contains(el))) continue;
			found.push(el);
			if (found.length >= 8) break;
		}
		const clippedLabels: string[] = [];
		for (const text of document.querySelectorAll('svg text')) {
			const svg = text.closest('svg')!.getBoundingClientRect();
			const b = text.getBoundingClientRect();
			if (b.width === 0) continue;
			if (b.left < svg.left - 0.5 || b.right > svg.right + 0.5 || b.top < svg.top - 0.5)
				clippedLabels.push(describe(text, b.right));
		}
		// Charts drawn as boxes (bar-rows.svelte): every label and figure inside its chart, whole.
		for (const cell of document.querySelectorAll('figure [role="img"] > *')) {
			const chart = cell.parentElement!.getBoundingClientRect();
			const b = cell.getBoundingClientRect();
			if (b.width === 0) continue;
			const cut = cell.scrollWidth > cell.clientWidth + 1;
			if (cut || b.left < chart.left - 0.5 || b.right > chart.right + 0.5)
				clippedLabels.push(describe(cell, b.right));
		}
		return {
			scrollWidth: document.scrollingElement!.scrollWidth,
			innerWidth: width,
			offenders: found.map((el) => describe(el, el.getBoundingClientRect().right)),
			clippedLabels
		};
	});
}

export interface FocusStop {
	what: string;
	/** An outline or a box shadow that is drawn (not none, not zero-width, not transparent). */
	ring: boolean;
	shown: boolean;
}

/** The focused element and whether the keyboard user can see where focus is. */
export function focusStop(page: Page): Promise<FocusStop | null> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return null;
		const s = getComputedStyle(el);
		const outline =
			s.outlineStyle !== 'none' &&
			parseFloat(s.outlineWidth) > 0 &&
			!/rgba\(.*,\s*0\)|transparent/.test(s.outlineColor);
		const shadow = s.boxShadow !== 'none' && !/^rgba\(0, 0, 0, 0\)/.test(s.boxShadow);
		const box = el.getBoundingClientRect();
		const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
		const name = el.getAttribute('name');
		return {
			what: `${el.tagName.toLowerCase()}${name ? `[name=${name}]` : ''} «${label}»`,
			ring: outline || shadow,
			shown: box.width > 0 && box.height > 0
		};
	});
}

/**
 * Tabs through up to `stops` controls of a freshly loaded page (focus starts at the top),
 * returning those that show no ring when focused.
 */
export async function unringedStops(page: Page, stops: number): Promise<string[]> {
	const missing: string[] = [];
	for (let i = 0; i < stops; i++) {
		await page.keyboard.press('Tab');
		const stop = await focusStop(page);
		if (!stop) break;
		if (!stop.ring || !stop.shown) missing.push(stop.what);
	}
	return missing;
}

/** Lets layout settle after a resize: two animation frames. */
export function settle(page: Page): Promise<void> {
	return page.evaluate(
		() =>
			new Promise<void>((resolve) =>
				requestAnimationFrame(() => requestAnimationFrame(() => resolve()))
			)
	);
}

/** The type scale's sizes in px (src/app.css, --text-sm … --text-2xl at a 16 px root). */
export const SCALE_PX = [14, 16, 20, 24, 32];

/**
 * Text set off the type scale or at a third weight: each size of each font, and each weight of
 * each family, is a lookup of its own at the first layout (a synchronous call to the browser
 * process on Linux). The browser's own defaults count too: `<small>`, a heading's em size,
 * monospace's 13 px, bold inside bold (900). SVG text is drawn to its chart's scale.
 */
export async function offScale(page: Page): Promise<string[]> {
	return page.evaluate((scale) => {
		const found = new Set<string>();
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			if (!el || !n.textContent?.trim() || el.closest('svg, script, style, template')) continue;
			const s = getComputedStyle(el);
			if (s.display === 'none' || s.visibility === 'hidden') continue;
			const px = parseFloat(s.fontSize);
			const weight = Number(s.fontWeight);
			if (!scale.includes(px) || (weight !== 400 && weight !== 700))
				found.add(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ${px}px ${weight}`);
		}
		return [...found];
	}, SCALE_PX);
}
