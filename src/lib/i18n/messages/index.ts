// Messages, one file per area and language. Each area file has one top-level key, its area's
// name, so files never collide; add an area by importing both its files below.
import enCore from './en/core.json';
import viCore from './vi/core.json';

export const vi = { ...viCore };
export const en = { ...enCore };
