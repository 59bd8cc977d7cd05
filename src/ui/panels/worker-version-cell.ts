/**
 * A worker's sage-console version on its row (`0.1.0+8d71fc6`, or its commit alone, `8d71fc6`, where
 * the row has no room for more: the package version is the same from commit to commit), flagged `⚠`
 * when it is not the scheduler's: the two speak one event format on Redis, and the standing notice
 * (worker-versions.ts) says what to do.
 */
import type {RemoteView, WorkerView} from '../../protocol/snapshot.js';
import type {Cell} from '../row-text.js';
import {displayWidth} from '../text-fit.js';
import {glyphs, theme} from '../theme.js';

const commitShown = 7;

/** `0.1.0+8d71fc6d1b2a` as `0.1.0+8d71fc6` (`wide`) or `8d71fc6`; a version without a commit as it is. */
export function versionLabel(version: string, wide: boolean): string {
	const plus = version.indexOf('+');
	if (plus === -1) {
		return version;
	}

	const commit = version.slice(plus + 1, plus + 1 + commitShown);
	return wide ? `${version.slice(0, plus)}+${commit}` : commit;
}

const differs = (worker: WorkerView, remote: RemoteView) => remote.schedulerVersion !== undefined && worker.version !== undefined && worker.version !== remote.schedulerVersion;

function cellText(worker: WorkerView, remote: RemoteView, wide: boolean): string {
	if (worker.version === undefined) {
		return '';
	}

	const label = versionLabel(worker.version, wide);
	return differs(worker, remote) ? `${glyphs.warning} ${label}` : label;
}

/** The cells the version takes on every row (none while no worker says its version). */
export function versionWidth(workers: readonly WorkerView[], remote: RemoteView, wide: boolean): number {
	return Math.max(0, ...workers.map(worker => displayWidth(cellText(worker, remote, wide))));
}

export function versionCell(worker: WorkerView, remote: RemoteView, wide: boolean, width: number): Cell | undefined {
	if (width === 0) {
		return undefined;
	}

	const text = cellText(worker, remote, wide);
	return {text, width, pad: 1, style: differs(worker, remote) ? {color: theme.warn, bold: true} : {color: theme.muted}};
}
