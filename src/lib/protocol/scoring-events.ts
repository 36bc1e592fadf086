// Scoring events (submit a card, close an item, re-score, locked results, board updates).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ScoringClientEvents {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ScoringServerEvents {}
