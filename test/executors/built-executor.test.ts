import {spawnSync} from 'node:child_process';
import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';

const built = fileURLToPath(new URL('../../dist/executors/local-executor.js', import.meta.url));

/** The build (`npm run build`, which `npm test` runs first) as the bin uses it: plain node, no test transform. */
describe.skipIf(!existsSync(built))('the built executor (dist/)', () => {
	it('runs a TypeScript job module through tsx in its worker, and a command, from plain node', () => {
		const root = makeTempRoot({'jobs/typed.ts': 'type Bar = {symbol: string; close: number};\nexport default async function run(ctx: {params: {bars: Bar[]}}): Promise<{total: number}> {\n\treturn {total: ctx.params.bars.reduce((sum: number, bar: Bar) => sum + bar.close, 0)};\n}\n'});
		try {
			const program = path.join(root.dir, 'scheduler.mjs');
			writeFileSync(program, `import {createLocalExecutor} from ${JSON.stringify(built)};
const root = ${JSON.stringify(root.dir)};
const paths = {root, data: root, processed: root, features: root, reports: root, logs: root + '/logs'};
const sink = {started() {}, progress() {}, log() {}, notify() {}};
const executor = createLocalExecutor({root});
const spec = (runId, target, params = {}) => ({runId, jobId: 'built', target, params, scheduledAt: Date.now(), attempt: 1, timeZone: 'Asia/Shanghai', logPath: root + '/logs/jobs/' + runId + '.log', paths});
const moduleOutcome = await executor.start(spec(1, {kind: 'module', path: root + '/jobs/typed.ts'}, {bars: [{symbol: 'a', close: 1.5}, {symbol: 'b', close: 2}]}), sink).done;
const commandOutcome = await executor.start(spec(2, {kind: 'command', argv: ['sh', '-c', 'exit 0'], shell: false}), sink).done;
await executor.close();
console.log(JSON.stringify([moduleOutcome, commandOutcome]));
`);
			const result = spawnSync(process.execPath, [program], {encoding: 'utf8', timeout: 60_000});
			expect(result.stderr).toBe('');
			expect(JSON.parse(result.stdout)).toEqual([{status: 'success', result: {total: 3.5}}, {status: 'success', result: {exitCode: 0}}]);
		} finally {
			root.remove();
		}
	});
});
