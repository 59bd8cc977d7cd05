/**
 * A scheduler killed (kill -9, a power cut) between making its socket's private folder and removing it
 * (private-socket-listen.ts) leaves that folder in data/ with a dead socket in it, for good. Its name is
 * the socket's own (`.sage.sock-Ab12Cd`), so the next scheduler of the database, holding its lock (no
 * other is listening on this socket meanwhile), knows it and removes it. Only such a folder as a scheduler
 * makes: this user's, 0700, not a link, holding nothing but the socket `s`; anything else is left alone.
 */
import {lstatSync, readdirSync, rmdirSync, unlinkSync} from 'node:fs';
import path from 'node:path';
import {privateFolderPrefix} from './private-socket-listen.js';

/** The six letters or digits mkdtemp adds. */
const mkdtempSuffix = /^[A-Za-z\d]{6}$/;

function isLeftover(folder: string): boolean {
	try {
		const stat = lstatSync(folder);
		if (!stat.isDirectory() || stat.uid !== process.getuid?.() || (stat.mode & 0o077) !== 0) {
			return false;
		}

		const entries = readdirSync(folder);
		return entries.length === 0 || (entries.length === 1 && entries[0] === 's' && lstatSync(path.join(folder, 's')).isSocket());
	} catch {
		return false; // Gone meanwhile, or not readable: not one a scheduler left.
	}
}

/**
 * Removes the private folders of `socketPath` a killed scheduler left beside it; call only while holding
 * the database's lock. Unlinks the socket and rmdirs the folder, never a recursive remove: a folder that
 * gained anything meanwhile stays.
 * @returns the folders removed
 */
export function removeLeftoverSocketFolders(socketPath: string): string[] {
	const folder = path.dirname(socketPath);
	const prefix = privateFolderPrefix(socketPath);
	let names: string[];
	try {
		names = readdirSync(folder);
	} catch {
		return [];
	}

	const removed: string[] = [];
	for (const name of names) {
		if (!name.startsWith(prefix) || !mkdtempSuffix.test(name.slice(prefix.length))) {
			continue;
		}

		const leftover = path.join(folder, name);
		if (!isLeftover(leftover)) {
			continue;
		}

		try {
			unlinkSync(path.join(leftover, 's'));
		} catch {
			// An empty one: its socket was never made.
		}

		try {
			rmdirSync(leftover);
			removed.push(leftover);
		} catch {
			// Gone meanwhile, or not empty: left as it is.
		}
	}

	return removed;
}
