/**
 * The version a scheduler and its workers compare (src/remote/worker-versions.ts): sage-console's
 * package version and, in a git checkout (how the box and its workers get the code), its commit, as
 * `0.1.0+8d71fc6d1b2a`. The package version alone stays 0.1.0 from commit to commit, so a worker
 * left on an older checkout by an upgrade of the box read as the same version and went unnamed.
 * Without a checkout (installed from a tarball) it is the package version alone.
 */
import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {packageRoot, packageVersion} from './package-version.js';

let known: string | undefined;

export function codeVersion(): string {
	known ??= withCommit(packageVersion(), checkoutCommit(packageRoot));
	return known;
}

function withCommit(version: string, commit: string | undefined): string {
	return commit === undefined ? version : `${version}+${commit.slice(0, 12)}`;
}

/** The commit checked out in `root` (its own `.git`, a folder or a worktree's `gitdir:` file), or undefined. */
export function checkoutCommit(root: string): string | undefined {
	try {
		const dotGit = path.join(root, '.git');
		const gitDir = statSync(dotGit).isDirectory() ? dotGit : path.resolve(root, /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))![1]!.trim());
		const head = readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
		if (/^[\da-f]{40,64}$/.test(head)) {
			return head;
		}

		const ref = /^ref: (.+)$/.exec(head)![1]!;
		const common = existsSync(path.join(gitDir, 'commondir')) ? path.resolve(gitDir, readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim()) : gitDir;
		for (const folder of [gitDir, common]) {
			const file = path.join(folder, ref);
			if (existsSync(file)) {
				return readFileSync(file, 'utf8').trim();
			}
		}

		const packed = readFileSync(path.join(common, 'packed-refs'), 'utf8').split('\n').find(line => line.endsWith(` ${ref}`));
		return packed?.split(' ')[0];
	} catch {
		return undefined;
	}
}
