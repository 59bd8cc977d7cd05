import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

export const benchDir = fileURLToPath(new URL('..', import.meta.url));
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The launcher, `bin/sage-console.js`: run by its own `#!` line, as `npx sage-console` and `npm start` run it. */
export const launcher = fileURLToPath(new URL('../../bin/sage-console.js', import.meta.url));

/**
 * The V8 flags the launcher's `#!` line starts node with, for the subjects that load dist/ directly
 * (they must run the scheduler's thread as the product does: the flags change how its heap behaves).
 */
export const launcherNodeFlags: readonly string[] = readFileSync(launcher, 'utf8').split('\n', 1)[0]!.split(/\s+/).filter(word => word.startsWith('--'));

/** Runs a command to completion and returns its stdout (stderr is dropped unless it fails). */
export async function capture(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
	const child = spawn(command, args, {cwd: projectRoot, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
	let out = '';
	let err = '';
	child.stdout.on('data', (chunk: Buffer) => {
		out += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		err += chunk.toString();
	});
	const code = await new Promise<number | null>(resolve => {
		child.on('exit', resolve);
	});
	if (code !== 0) {
		throw new Error(`${command} ${args.join(' ')} exited ${code}: ${err.slice(-500)}`);
	}

	return out;
}

export const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});
