import { b } from './b';
import type { C } from './c';

export const a = (): C => b();
