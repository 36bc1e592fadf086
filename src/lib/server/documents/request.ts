// The documents a reader downloads, named by what identifies them: plain data, so that a render
// thread can be asked for one and gather it from the database itself (render-pool.ts GatherJob).

export type DocumentRequest =
	/** The evaluation report; `published` limits it to what the public may read. */
	| { doc: 'report'; seq: number; published: boolean; showNames?: boolean }
	/** One member's score sheet of a locked result. */
	| { doc: 'sheet'; seq: number; member: string }
	/** The minutes of a sitting. */
	| { doc: 'minutes'; sittingId: string };
