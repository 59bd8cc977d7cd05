/**
 * A module job's file as the console has it and as a worker's checkout has it: a worker on another
 * commit runs other code under the same name, and nothing else would tell. The console sends the
 * SHA-256 of the module's file with the run; a worker whose file differs says so in the run's message
 * (the run goes on: it is the operator's to update the checkout). Only the file named by `module:` is
 * compared, not what it imports.
 */
import {createHash} from 'node:crypto';
import {readFileSync, statSync} from 'node:fs';

type KnownDigest = {mtimeMs: number; size: number; ino: number; digest: string};

/** Each module file's digest with the file's state it was read in: a run of an unchanged file costs a stat, not a read and a hash. */
const known = new Map<string, KnownDigest>();

/** The start of the file's SHA-256 (hex); undefined when it cannot be read. */
export function moduleDigest(file: string): string | undefined {
	try {
		const {mtimeMs, size, ino} = statSync(file);
		const kept = known.get(file);
		if (kept?.mtimeMs === mtimeMs && kept.size === size && kept.ino === ino) {
			return kept.digest;
		}

		const digest = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
		known.set(file, {mtimeMs, size, ino, digest});
		return digest;
	} catch {
		known.delete(file);
		return undefined;
	}
}

/** A run on its way to a worker, as far as its module's file goes (RemoteJobData's fields). */
type SentModule = {target: {kind: string; path?: string}; moduleDigest?: string};

/** What the run's message says when this worker's file of the module (`file`) is not the console's. */
export function moduleDifference(data: SentModule, file: string, worker: string): string | undefined {
	if (data.target.kind !== 'module' || data.moduleDigest === undefined) {
		return undefined;
	}

	const here = moduleDigest(file);
	// A file not there is the run's ModuleNotFound, which says so.
	if (here === undefined || here === data.moduleDigest) {
		return undefined;
	}

	return `${data.target.path} on worker ${worker} is not the console's (sha256 ${here}…, the console's ${data.moduleDigest}…): its checkout is at another commit`;
}
