// The whole schema, one file per area; drizzle-kit reads this folder.
export * from './core';
export * from './dossiers';
export * from './councils';
export * from './results';
export * from './decisions';
export * from './scoring';
export * from './meeting';
export * from './register';
export * from './notifications';
export * from './templates';
export * from './certificates';
export * from './ministry';
