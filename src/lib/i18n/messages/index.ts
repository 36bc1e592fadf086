// Messages, one file per area and language. Each area file has one top-level key, its area's
// name, so files never collide; add an area by importing both its files in vi.ts and en.ts.
export { default as vi } from './vi';
export { default as en } from './en';
