/**
 * The watches' alerts (the type is the protocol's: clients receive them as `job-alert` events), and
 * which of them start trouble.
 */
import type {JobAlertKind} from '../protocol/messages.js';

export type {JobAlert, JobAlertKind} from '../protocol/messages.js';

/** Kinds that start trouble; the rest end it. */
export const troubleKinds: ReadonlySet<JobAlertKind> = new Set(['deadline-missed', 'max-duration', 'heartbeat-late', 'heartbeat-down']);
