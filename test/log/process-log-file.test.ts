import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {createProcessLogger, flushProcessLogger} from '../../src/log/process-logger.js';
import {scratchDir} from '../helpers/temp-root.js';

const logLines = (dir: string) => readFileSync(path.join(dir, 'sage-console.log'), 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as {msg: string; n: number});

describe('the console\'s own log file', () => {
	it('keeps every line, in order, across turns of the event loop and explicit flushes', async () => {
		const dir = scratchDir('sage-process-log-');
		const logger = createProcessLogger(dir, {stdout: false});
		for (let n = 0; n < 3000; n++) {
			logger.info({n}, n % 2 === 0 ? 'run started' : 'run finished');
			if (n % 700 === 0) {
				await new Promise(resolve => setImmediate(resolve));
			}
		}

		flushProcessLogger(logger, true);
		logger.info({n: -1}, 'after close');
		const lines = logLines(dir);
		expect(lines.map(line => line.n)).toEqual(Array.from({length: 3000}, (_, n) => n));
		expect(lines[2999]!.msg).toBe('run finished');
	});

	it('names the process\'s pid once a line, also when a caller logs it as a field too', () => {
		const dir = scratchDir('sage-process-log-');
		const logger = createProcessLogger(dir, {stdout: false});
		logger.info({pid: process.pid, node: process.version}, 'sage-console starting');
		flushProcessLogger(logger, true);
		const text = readFileSync(path.join(dir, 'sage-console.log'), 'utf8').trimEnd().split('\n');
		expect(text[0]!.match(/"pid":/g)).toHaveLength(1);
		expect(JSON.parse(text[0]!)).toMatchObject({pid: process.pid, node: process.version, msg: 'sage-console starting'});
	});

	it('has written a process\'s last lines when it exits straight after logging them', () => {
		const dir = scratchDir('sage-process-log-');
		const logger = fileURLToPath(new URL('../../src/log/process-logger.ts', import.meta.url));
		const script = `const {createProcessLogger} = await import(${JSON.stringify(logger)});
			const log = createProcessLogger(${JSON.stringify(dir)}, {stdout: false});
			for (let n = 0; n < 500; n++) log.info({n}, 'line');
			process.exit(3);`;
		const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {encoding: 'utf8', timeout: 30_000});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(3);
		expect(logLines(dir).map(line => line.n)).toEqual(Array.from({length: 500}, (_, n) => n));
	});
});
