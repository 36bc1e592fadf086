// Imports a only as a type: erased, so not part of a cycle at run time.
import type { a } from './a';

export type C = number;
export type OfA = typeof a;
