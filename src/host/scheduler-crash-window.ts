/**
 * A console's scheduler thread that crashes is started again (src/cli/own-scheduler-threads.ts) unless
 * it crashed more than `restartsPerWindow` times within `crashWindowMs`; the alert of the next start
 * counts the crashes in that window.
 */
export const restartsPerWindow = 3;
export const crashWindowMs = 10 * 60_000;
export const crashWindowMinutes = crashWindowMs / 60_000;
