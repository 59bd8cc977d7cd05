import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {packageRoot} from '../../host/package-version.js';
import type {AppPaths} from '../../host/paths.js';
import {exitCodes} from '../exit-codes.js';
import {readStarterFiles, type StarterFile} from './starter-files.js';
import {UsageError} from './usage-error.js';

/** The package's own folder (above dist/ or src/), whose `templates/init/` holds the starter root. */

/** What each starter file is for, as the summary after `init` names it. */
const purposes: Record<string, string> = {
	'config/jobs.yaml': 'the jobs: one example, hello, weekdays at 09:00',
	'jobs/hello.ts': 'the example job (its types from sage-console/job-api)',
	'.gitignore': 'keeps data/ and logs/ (history, caches, run logs) out of git',
	'package.json': 'makes jobs/ ES modules',
	'tsconfig.json': 'type-checks jobs/ (npm run typecheck)',
};

/**
 * The folder to `cd` into, as the next steps say it: as the operator typed it (`typed`), else relative
 * to here when it lies below, else absolute (`../../tmp/x/proj` says less than `/tmp/x/proj`); '' here.
 */
function cdTarget(root: string, typed: string | undefined): string {
	const relative = path.relative(process.cwd(), root);
	if (relative === '') {
		return '';
	}

	if (typed !== undefined) {
		return typed;
	}

	return relative.startsWith('..') || path.isAbsolute(relative) ? root : relative;
}

function nextSteps(root: string, typed: string | undefined, files: readonly StarterFile[]): string {
	const width = Math.max(...files.map(file => file.target.length));
	const cd = cdTarget(root, typed);
	return [
		`Created a sage-console project in ${root}:`,
		...files.map(file => `  ${file.target.padEnd(width)}  ${purposes[file.target] ?? ''}`.trimEnd()),
		'',
		'Next:',
		...(cd === '' ? [] : [`  cd ${cd.includes(' ') ? JSON.stringify(cd) : cd}`]),
		'  sage-console validate        check config/jobs.yaml',
		'  sage-console run hello       run the example job now and print its log',
		'  sage-console                 the console; the scheduler runs while it is open (q quits)',
		'',
		'To type-check your jobs (optional):',
		// @types/node too: the package's own is a devDependency, so a job using setTimeout or node:fs fails without it.
		`  npm install --save-dev typescript @types/node ${packageRoot.replace(/\/$/, '')}`,
		'  npm run typecheck',
		'',
	].join('\n');
}

/**
 * `sage-console init [DIR]`: writes a starter project root into DIR (default: `--root`, or the current
 * directory) from the package's `templates/init/`. It never overwrites: when any of the files is
 * already there it names them, writes nothing and exits 1.
 */
export function initCommand(paths: AppPaths, positionals: readonly string[]): number {
	if (positionals.length > 1) {
		throw new UsageError(`init takes one folder, not ${positionals.length} (${positionals.map(argument => `"${argument}"`).join(', ')}); see sage-console init --help`);
	}

	const root = positionals[0] === undefined ? paths.root : path.resolve(positionals[0]);
	const files = readStarterFiles(path.join(packageRoot, 'templates', 'init'));
	const present = files.filter(file => existsSync(path.join(root, file.target))).map(file => file.target);
	if (present.length > 0) {
		process.stderr.write(`sage-console init: ${root} already has ${present.join(', ')}; nothing was written (move ${present.length === 1 ? 'it' : 'them'} aside, or init another folder)\n`);
		return exitCodes.failed;
	}

	const written: string[] = [];
	try {
		for (const file of files) {
			const target = path.join(root, file.target);
			mkdirSync(path.dirname(target), {recursive: true});
			// 'wx': a file that appeared since the check above is still not overwritten.
			writeFileSync(target, file.text, {flag: 'wx'});
			written.push(file.target);
		}
	} catch (error) {
		// A file where the folder should be (init notes.txt), no permission, a full disk: said, not a stack.
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code === 'EEXIST' || code === 'ENOTDIR' ? `${root} or a folder above it is a file, not a folder` : (error as Error).message;
		process.stderr.write(`sage-console init: cannot write the starter files into ${root}: ${reason}; ${written.length > 0 ? `written before it stopped: ${written.join(', ')}` : 'nothing was written'}\n`);
		return exitCodes.failed;
	}

	process.stdout.write(nextSteps(root, positionals[0], files));
	return exitCodes.ok;
}
