/**
 * The scheduler's log file follows a file deleted or moved away at the next write, by comparing its
 * path with the file it has open: that check runs at every write (a busy scheduler logs a thousand
 * lines a second), so it is one stat of the path, the open file's identity read once at its open, not
 * a stat and an fstat each time. Counted with strace on a real process writing through the built
 * LineFile (dist/), a write per line; the startup's own stats cancel out between two runs.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, it} from 'vitest';
import {scratchDir} from '../helpers/temp-root.js';

const built = fileURLToPath(new URL('../../dist/log/line-file.js', import.meta.url));
const strace = spawnSync('strace', ['-f', '-c', '-o', '/dev/null', 'true']).status === 0;

/** The stat-family system calls of a process writing `lines` lines through LineFile, one flush each. */
function statCalls(dir: string, lines: number): number {
	const program = path.join(dir, `write-${lines}.mjs`);
	writeFileSync(program, `import {LineFile} from ${JSON.stringify(built)};
const file = new LineFile(${JSON.stringify(path.join(dir, `logs-${lines}/sage-console.log`))});
for (let i = 0; i < ${lines}; i++) {
	file.write('{"level":30,"msg":"run finished"}\\n');
	file.flushSync();
}
file.close();
`);
	const counts = path.join(dir, `strace-${lines}.txt`);
	const result = spawnSync('strace', ['-f', '-c', '-o', counts, '-e', 'trace=statx,stat,fstat,newfstatat,lstat', process.execPath, program], {encoding: 'utf8', timeout: 60_000});
	expect(result.status, result.stderr).toBe(0);
	let calls = 0;
	for (const line of readFileSync(counts, 'utf8').split('\n')) {
		const match = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(statx|stat|fstat|newfstatat|lstat)\s*$/.exec(line);
		if (match) {
			calls += Number(match[1]);
		}
	}

	return calls;
}

it.runIf(strace && existsSync(built))('a write to the log file costs one stat, not two', () => {
	const dir = scratchDir('sage-line-cost-');
	const perLine = (statCalls(dir, 4000) - statCalls(dir, 2000)) / 2000;
	expect(perLine).toBeGreaterThan(0.9);
	expect(perLine).toBeLessThan(1.1);
}, 120_000);
