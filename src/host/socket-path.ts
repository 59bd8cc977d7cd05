import {createHash} from 'node:crypto';
import {chmodSync, lstatSync, mkdirSync, type Stats} from 'node:fs';
import {tmpdir, userInfo} from 'node:os';
import path from 'node:path';
import {DatabaseError} from '../store/database-error.js';

/** sun_path holds 108 bytes on Linux, the last a NUL. */
const maxSocketPathBytes = 107;

/**
 * Where the scheduler of a database listens: beside the database, with `.sock` for its extension
 * (`data/sage.db` → `data/sage.sock`). When that path is too long for a unix socket, a short one in a
 * private folder of the user's: `$XDG_RUNTIME_DIR/sage-console/` (or `/tmp/sage-console-<uid>/`,
 * mode 0700), named by a hash of the database's path, so every client finds the same one.
 */
export function socketPathFor(dbFile: string): string {
	const beside = path.join(path.dirname(dbFile), `${path.basename(dbFile, path.extname(dbFile))}.sock`);
	if (Buffer.byteLength(beside) <= maxSocketPathBytes) {
		return beside;
	}

	const runtime = fallbackSocketFolder();
	const name = `${createHash('sha256').update(path.resolve(dbFile)).digest('hex').slice(0, 16)}.sock`;
	return path.join(runtime, name);
}

/** The private folder for sockets whose path beside the database is too long. */
function fallbackSocketFolder(): string {
	return process.env.XDG_RUNTIME_DIR ? path.join(process.env.XDG_RUNTIME_DIR, 'sage-console') : path.join(tmpdir(), `sage-console-${userInfo().uid}`);
}

/**
 * Before a client connects: a socket in the fallback folder is trusted only when that folder is this
 * user's (another user's folder would hold their socket, answering as a scheduler and hearing the params
 * a client sends). A socket beside the database is the root's own.
 * @throws DatabaseError when the fallback folder belongs to another user or is a link
 */
export function checkSocketFolder(socketPath: string): void {
	const folder = path.dirname(socketPath);
	if (folder !== fallbackSocketFolder()) {
		return;
	}

	let stat;
	try {
		stat = lstatSync(folder);
	} catch {
		return; // No folder: nothing answers there.
	}

	refuseForeign(folder, stat);
}

/**
 * Creates the socket's folder if needed; a private fallback folder is made 0700. One that is already
 * there is used only when it is a folder of this user's (not a link): in /tmp another user could have
 * made it first and then swap the socket for one of theirs. Too open, it is narrowed to 0700.
 * @throws DatabaseError (told as the lock's faults are) when the fallback folder belongs to another user or is a link
 */
export function prepareSocketFolder(socketPath: string, dbFile: string): void {
	const folder = path.dirname(socketPath);
	const isFallback = folder !== path.dirname(dbFile);
	mkdirSync(folder, {recursive: true, mode: isFallback ? 0o700 : 0o750});
	if (isFallback) {
		keepFolderPrivate(folder);
	}
}

function keepFolderPrivate(folder: string): void {
	const stat = lstatSync(folder);
	refuseForeign(folder, stat, 'cannot listen on the scheduler\'s socket');
	if ((stat.mode & 0o077) !== 0) {
		chmodSync(folder, 0o700);
	}
}

function refuseForeign(folder: string, stat: Stats, doing = 'cannot reach the scheduler\'s socket'): void {
	const uid = process.getuid?.();
	if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) {
		const what = stat.isDirectory() ? `belongs to uid ${stat.uid}, not to this user (uid ${uid})` : 'is not a folder (a link?)';
		throw new DatabaseError(`${doing}: its folder ${folder} ${what}: another user may have made it to catch the socket; remove it (or set XDG_RUNTIME_DIR, or use a shorter --root path)`);
	}
}
