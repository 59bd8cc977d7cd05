/**
 * A run's progress news (a fraction, a message): kept on its record at once for clients, written to
 * history at most once a second per run (and always at its end). A note held back by that cap is
 * written when its second is up, so history never lags what clients were shown by more than a second.
 */
import type {LiveRun, LiveRunsDeps} from './live-run.js';

/** Progress is written to history at most this often per run (and always at the end). */
const progressSaveIntervalMs = 1000;

type ProgressDeps = Pick<LiveRunsDeps, 'clock' | 'recorder' | 'progressed'>;

/** Notes the progress of a live run: a fraction is clamped to 0–1, a fraction or message that is not one is left out. */
export function noteProgress(live: LiveRun, fraction: number | undefined, message: string | undefined, deps: ProgressDeps): void {
	const patch: {progress?: number; message?: string} = {};
	if (fraction !== undefined && Number.isFinite(fraction)) {
		patch.progress = Math.min(Math.max(fraction, 0), 1);
	}

	if (typeof message === 'string') {
		patch.message = message;
	}

	const now = deps.clock.now();
	const waitMs = live.progressSavedAt + progressSaveIntervalMs - now;
	if (waitMs <= 0) {
		stopProgressSaves(live, deps);
		live.progressSavedAt = now;
		deps.recorder.note(live.record, {...patch});
	} else {
		deps.recorder.note(live.record, {...patch}, false);
		live.progressSaveTimer ??= deps.clock.setTimeout(() => saveHeldProgress(live, deps), waitMs);
	}

	deps.progressed(live);
}

/** Drops a held-back save: the run ended (its end writes its last progress) or was let go. */
export function stopProgressSaves(live: LiveRun, deps: Pick<LiveRunsDeps, 'clock'>): void {
	if (live.progressSaveTimer !== undefined) {
		deps.clock.clearTimeout(live.progressSaveTimer);
		live.progressSaveTimer = undefined;
	}
}

/** Writes a held-back note now, if there is one: the run is let go to a later scheduler, which starts from its row. */
export function saveHeldProgressNow(live: LiveRun, deps: Pick<LiveRunsDeps, 'clock' | 'recorder'>): void {
	if (live.progressSaveTimer !== undefined) {
		stopProgressSaves(live, deps);
		saveHeldProgress(live, deps);
	}
}

/** The trailing save: the record carries every note so far, so its latest progress and message are written. */
function saveHeldProgress(live: LiveRun, deps: Pick<LiveRunsDeps, 'clock' | 'recorder'>): void {
	live.progressSaveTimer = undefined;
	live.progressSavedAt = deps.clock.now();
	const {progress, message} = live.record;
	deps.recorder.note(live.record, {...(progress === undefined ? {} : {progress}), ...(message === undefined ? {} : {message})});
}
