import {existsSync, lstatSync, statSync, watch, type FSWatcher} from 'node:fs';
import path from 'node:path';

/**
 * Folders watched at most (one inotify watch each): a jobs.yaml naming missing modules in more folders
 * than this waits for those of the first ones; a `reload` applies it whatever is watched.
 */
const maxFolders = 32;

/** Why a folder has no watch: not gone (the watch of its parent finds what comes next) but refused. */
export type UnwatchedFolder = {folder: string; files: readonly string[]; error: NodeJS.ErrnoException};

/** Errors of a folder gone or turned into a file since the look: the next change in its parent finds the next folder. */
const goneCodes = new Set(['ENOENT', 'ENOTDIR']);

/**
 * Waits for files that a refused jobs.yaml names and that are not there (a job's `module` renamed away,
 * a checkout that has not brought it yet), so the file applies once they are back as an edit of it
 * would. The nearest folder of each that exists is watched (the file's own, or the one its missing
 * folder will be made in, then that folder once made), within the project root, and the folder of each
 * symlink on its way there (a release switch points `jobs` elsewhere: the watch of the old target sees
 * nothing). Watches only, no polling: nothing runs while nothing changes. A folder that cannot be watched
 * (ENOSPC: the inotify watches are used up; EACCES) is told once, through `unwatched`, while it stays so.
 */
export class MissingFilesWatch {
	private files: readonly string[] = [];
	private readonly watchers: FSWatcher[] = [];
	private debounce: NodeJS.Timeout | undefined;
	/** Folders refused a watch at the last look, told already. */
	private unwatchable = new Set<string>();

	/**
	 * @param back called once when one of the files waited for exists; waitFor() again to wait anew
	 * @param debounceMs the look happens this long after the first change of a burst (not its last: a folder
	 * a job writes in all the time would hold it off for ever) @default 300
	 * @param unwatched told of each folder refused a watch, once until it is watched or no longer wanted
	 */
	constructor(private readonly root: string, private readonly back: () => void, private readonly debounceMs = 300, private readonly unwatched: (refused: UnwatchedFolder) => void = () => undefined) {}

	/** Waits for `files` (absolute paths) from now on, instead of those waited for before; none: stops. */
	waitFor(files: readonly string[]): void {
		clearTimeout(this.debounce);
		this.debounce = undefined;
		this.files = [...new Set(files)];
		this.watchFolders();
		// One may have come back between the reading that missed it and this watch.
		if (this.anyBack()) {
			this.soon();
		}
	}

	stop(): void {
		this.waitFor([]);
	}

	private anyBack(): boolean {
		return this.files.some(file => existsSync(file));
	}

	/** Watches each file's nearest folder anew (a folder removed and made again is another folder to watch). */
	private watchFolders(): void {
		for (const watcher of this.watchers.splice(0)) {
			watcher.close();
		}

		const folders = new Map<string, string[]>();
		for (const file of this.files) {
			const folder = nearestFolder(file, this.root);
			for (const watched of folder === undefined ? [] : [folder, ...linkFolders(folder, this.root)]) {
				folders.set(watched, [...folders.get(watched) ?? [], file]);
			}
		}

		const refused: UnwatchedFolder[] = [];
		for (const [folder, files] of [...folders].slice(0, maxFolders)) {
			try {
				const watcher = watch(folder, () => this.soon());
				// A watched folder removed: look again (its parent is watched next).
				watcher.on('error', () => this.soon());
				watcher.unref();
				this.watchers.push(watcher);
			} catch (error) {
				// Gone since the look, or no watch to be had: unseen, the file is applied by a `reload`, which is told.
				if (!goneCodes.has((error as NodeJS.ErrnoException).code ?? '')) {
					refused.push({folder, files, error: error as NodeJS.ErrnoException});
				}
			}
		}

		const told = this.unwatchable;
		this.unwatchable = new Set(refused.map(({folder}) => folder));
		for (const each of refused.filter(({folder}) => !told.has(folder))) {
			this.unwatched(each);
		}
	}

	/** Looks `debounceMs` after the first change since the last look: later ones of the burst are seen by that look. */
	private soon(): void {
		if (this.debounce !== undefined) {
			return;
		}

		this.debounce = setTimeout(() => {
			this.debounce = undefined;
			if (this.anyBack()) {
				this.stop();
				this.back();
			} else {
				this.watchFolders();
				if (this.anyBack()) {
					this.soon();
				}
			}
		}, this.debounceMs);
	}
}

/** The folder of `file`, or its nearest ancestor that is there, within `root`; undefined when none is. */
function nearestFolder(file: string, root: string): string | undefined {
	for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
		const inside = path.relative(root, folder);
		if (inside.startsWith('..') || path.isAbsolute(inside)) {
			return undefined;
		}

		try {
			if (statSync(folder, {throwIfNoEntry: false})?.isDirectory()) {
				return folder;
			}
		} catch {
			// A file where a folder should be (ENOTDIR): look further up.
		}

		if (inside === '') {
			return undefined;
		}
	}
}

/** The folders holding a symlink among `folder` and its ancestors below `root`: where a link swapped over them is seen. */
function linkFolders(folder: string, root: string): string[] {
	const found: string[] = [];
	for (let inside = folder; path.relative(root, inside) !== '' && path.dirname(inside) !== inside; inside = path.dirname(inside)) {
		try {
			if (lstatSync(inside, {throwIfNoEntry: false})?.isSymbolicLink()) {
				found.push(path.dirname(inside));
			}
		} catch {
			// Unreadable on the way: its parent's watch is the nearest there is.
		}
	}

	return found;
}
