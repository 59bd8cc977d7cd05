import {renameSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/** Writes `text` over `file` at once: a temp file beside it, renamed (keeps the file's mode). */
export function writeAtomically(file: string, text: string): void {
	const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
	let mode = 0o644;
	try {
		mode = statSync(file).mode & 0o777;
	} catch {
		// A new file: the usual mode.
	}

	writeFileSync(temp, text, {mode});
	renameSync(temp, file);
}
