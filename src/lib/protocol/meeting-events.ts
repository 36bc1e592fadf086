// Meeting control events (agenda, attendance, hands, chat, dossier viewer, LiveKit tokens).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MeetingClientEvents {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MeetingServerEvents {}
