// Lists of people in a sitting (attendance, the board) in one fixed order: the chair first,
// then by council role, then by name as Vietnamese sorts it. A list that follows arrival or
// the server's row order reorders under the reader's eyes at every update.
//
// The server sorts (attendanceList, buildBoard) and the pages draw the lists as they come: a
// browser's first Vietnamese collator loads its collation data, 10–40 ms of a phone's main
// thread in the sitting page's first long task; the server's is made once per process.

const ROLE_ORDER: Record<string, number> = {
	chair: 0,
	'vice-chair': 1,
	member: 2,
	secretary: 3,
	producer: 4
};

// Made at the first sort, not when the module loads.
let collator: Intl.Collator | null = null;
const names = () => (collator ??= new Intl.Collator('vi', { sensitivity: 'base', numeric: true }));

export function byCouncilRole<T extends { role: string; name: string; userId: string }>(
	people: readonly T[]
): T[] {
	return [...people].sort(
		(a, b) =>
			(ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) ||
			names().compare(a.name, b.name) ||
			(a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)
	);
}
