import path from 'node:path';
import type {UnwatchedFolder} from './missing-files-watch.js';

const whyUnwatched: Record<string, string> = {ENOSPC: 'no inotify watch left', EACCES: 'no permission to read it', EMFILE: 'no inotify instance left'};

/**
 * What the scheduler's log says of a folder refused a watch, whose missing modules go unseen when back:
 * `cannot watch jobs/ for config/jobs.yaml's missing module jobs/bars.ts (ENOSPC: no inotify watch left): run …`
 */
export function unwatchedFolderText({folder, files, error}: UnwatchedFolder, jobsFile: string, root: string): string {
	const inRoot = (file: string) => {
		const relative = path.relative(root, file);
		return relative.startsWith('..') ? file : relative || '.';
	};

	const code = error.code ?? error.name;
	const modules = files.map(inRoot).join(', ');
	return `cannot watch ${inRoot(folder)}/ for ${inRoot(jobsFile)}'s missing module${files.length > 1 ? 's' : ''} ${modules} (${code}: ${whyUnwatched[code] ?? error.message}): run sage-console reload once ${files.length > 1 ? 'they are' : 'it is'} back`;
}
