/**
 * A run's progress news (a fraction, a message): kept on its record at once for clients, written to
 * history at most once a second per run (and always at its end).
 */
import type {LiveRun, LiveRunsDeps} from './live-run.js';

/** Progress is written to history at most this often per run (and always at the end). */
const progressSaveIntervalMs = 1000;

/** Notes the progress of a live run: a fraction is clamped to 0–1, a fraction or message that is not one is left out. */
export function noteProgress(live: LiveRun, fraction: number | undefined, message: string | undefined, deps: Pick<LiveRunsDeps, 'clock' | 'recorder' | 'progressed'>): void {
	const patch: {progress?: number; message?: string} = {};
	if (fraction !== undefined && Number.isFinite(fraction)) {
		patch.progress = Math.min(Math.max(fraction, 0), 1);
	}

	if (typeof message === 'string') {
		patch.message = message;
	}

	const now = deps.clock.now();
	const save = now - live.progressSavedAt >= progressSaveIntervalMs;
	if (save) {
		live.progressSavedAt = now;
	}

	deps.recorder.note(live.record, {...patch}, save);
	deps.progressed(live);
}
