// The authorisation matrix: one registry entry per surface the server exposes (see
// tests/helpers/surfaces.ts), expanded into cells — one role, one item state, one input.
import { ROUTES } from './matrix-routes';
import { REALTIME } from './matrix-realtime';
import {
	dependsOnState,
	ITEM_STATES,
	outcomeOf,
	ROLES,
	type ItemState,
	type Outcome,
	type Role
} from './outcomes';
import type { Case, Registry } from './registry-types';

export const REGISTRY: Registry = { ...ROUTES, ...REALTIME };

/**
 * The item's state while surfaces that do not depend on it are walked: scoring, when the most
 * is at stake. Surfaces whose outcome depends on the state are walked in every state.
 */
export const DEFAULT_STATE: ItemState = 'scoring';

export interface Cell {
	key: string;
	case: Case;
	role: Role;
	state: ItemState;
	expect: Outcome;
	/** `key [variant] role @state`, as failures name it. */
	name: string;
}

export function casesOf(key: string): Case[] {
	const entry = REGISTRY[key];
	return entry ? [entry].flat() : [];
}

/** Every cell of the given surfaces, in their order, grouped by the item state they need. */
export function cellsOf(keys: string[]): Cell[] {
	const cells: Cell[] = [];
	for (const key of keys)
		for (const c of casesOf(key)) {
			const states = dependsOnState(c.expect) ? ITEM_STATES : [DEFAULT_STATE];
			for (const state of states)
				for (const role of ROLES) {
					const label = 'label' in c && c.label ? ` [${c.label}]` : '';
					const at = states.length > 1 ? ` @${state}` : '';
					cells.push({
						key,
						case: c,
						role,
						state,
						expect: outcomeOf(c.expect[role], state),
						name: `${key}${label} ${role}${at}`
					});
				}
		}
	return cells;
}

/** Problems with the registry against the discovered surfaces: missing or stale entries. */
export function registryProblems(surfaceKeys: string[]): string[] {
	const known = new Set(surfaceKeys);
	const problems = surfaceKeys
		.filter((k) => !(k in REGISTRY))
		.map((k) => `no registry entry for the surface "${k}"`);
	for (const key of Object.keys(REGISTRY)) {
		if (!known.has(key)) problems.push(`registry entry "${key}" names no existing surface`);
		const kind = key.split(' ')[0];
		for (const c of casesOf(key)) {
			const fits = kind === c.kind || (c.kind === 'http' && /^(page|action|endpoint)$/.test(kind));
			if (!fits) problems.push(`registry entry "${key}" is a ${c.kind} case`);
			for (const role of ROLES)
				if (!(role in c.expect))
					problems.push(`registry entry "${key}" has no outcome for ${role}`);
		}
	}
	return problems;
}
