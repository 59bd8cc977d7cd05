import {realpathSync} from 'node:fs';
import path from 'node:path';
import {ProtocolError} from '../protocol/wire.js';

/** The file a path names, through its symlinks when it is there; the path itself when it is not. */
function fileOf(file: string): string {
	try {
		return realpathSync(file);
	} catch {
		return path.resolve(file);
	}
}

/**
 * Refuses a reload meant for another jobs.yaml than the one this scheduler reads (`reload --config
 * FILE` against a scheduler started without it): it would reload its own file and say "reloaded".
 */
export function refuseOtherJobsFile(asked: string | undefined, reads: string | undefined): void {
	if (asked === undefined || reads === undefined || fileOf(asked) === fileOf(reads)) {
		return;
	}

	throw new ProtocolError('conflict', `this scheduler reads ${reads}, not ${asked}: nothing reloaded (to run on ${asked}, restart the scheduler with --config ${asked})`);
}
