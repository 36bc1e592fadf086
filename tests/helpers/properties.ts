/**
 * Property tests (fast-check) run a bounded number of cases so that they do not dominate the
 * suite: 40 by default (fast-check's own default is 100). PROPERTY_RUNS raises it for a deeper
 * look; a failure prints its seed and path, which replays it whatever the bound.
 */
import fc from 'fast-check';

export const PROPERTY_RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: PROPERTY_RUNS });
