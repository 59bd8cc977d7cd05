/**
 * `run JOB --param k=V` with long values (a 120 KB key or blob each, as a shell passes them) starts at
 * once: the process title's hiding of URL passwords tried its pattern at every letter of a long run of
 * word characters and backtracked over the rest of it from each, so every such value held the command
 * for seconds before it did anything (ten of them for well over a minute; this test's 60 s for the
 * command ran out). The built CLI running a real command job in the foreground.
 */
import {randomInt} from 'node:crypto';
import {expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

/** A key of `length` random lowercase letters: one long run of word characters. */
function letters(length: number): string {
	return Array.from({length}, () => String.fromCharCode(97 + randomInt(26))).join('');
}

it('ten params of 120 KB each reach the command, and the run ends', () => {
	const names = Array.from({length: 10}, (_, i) => `k${i}`);
	const argv = ['sh', '-c', 'echo "$# values, $(printf %s "$@" | wc -c) bytes"', 'sh', ...names.map(name => `{params.${name}}`)];
	const root = makeTempRoot({'config/jobs.yaml': `jobs:\n  - {id: keys, trigger: manual, command: ${JSON.stringify(argv)}}\n`});
	try {
		const params = names.flatMap(name => ['--param', `${name}=${letters(120_000)}`]);
		const run = runCli(['run', 'keys', ...params, '--root', root.dir]);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain(' 10 values, 1200000 bytes');
	} finally {
		root.remove();
	}
}, 90_000);
