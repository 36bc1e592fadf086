// Production launcher: the server's TypeScript (shared with the SvelteKit side) runs through
// tsx, so there is no second build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
