/**
 * An error whose `cause` is not an Error: a library's error code object (`{errno, code}`), a
 * response's status text. The run's stack says what it was, not "Caused by: [object Object]".
 */
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const files = {
	'config/jobs.yaml': 'jobs:\n  - {id: sync, trigger: manual, module: jobs/sync.ts}\n  - {id: text_cause, trigger: manual, module: jobs/text-cause.mjs}\n',
	'jobs/sync.ts': `function connect(): never {
	throw new Error('connection reset', {cause: {errno: -104, code: 'ECONNRESET', host: 'quotes.example'}});
}

export default async function run() {
	try {
		connect();
	} catch (error) {
		throw new Error('sync failed for 600519.SH', {cause: error});
	}
}
`,
	'jobs/text-cause.mjs': 'export default function run() {\n\tthrow new Error(\'quote feed refused\', {cause: \'HTTP 429 Too Many Requests\'});\n}\n',
};

describe('an error caused by a value that is not an Error', () => {
	const root = makeTempRoot(files);
	afterAll(() => root.remove());

	it('shows an object cause as its JSON at the end of the chain, a text cause as the text', () => {
		const sync = runCli(['run', 'sync'], {cwd: root.dir});
		expect(sync.code).toBe(1);
		expect(sync.stdout).toMatch(/Caused by: Error: connection reset\n {4}at connect \(\S*jobs\/sync\.ts:2:8\)\n[\s\S]*\nCaused by: \{"errno":-104,"code":"ECONNRESET","host":"quotes\.example"\}\n/);
		expect(sync.stdout).not.toContain('[object Object]');
		const [run] = JSON.parse(runCli(['history', '--json', '--job', 'sync'], {cwd: root.dir}).stdout) as Array<{id: number}>;
		expect(runCli(['show', String(run!.id)], {cwd: root.dir}).stdout).toContain('Caused by: {"errno":-104,"code":"ECONNRESET","host":"quotes.example"}');
		expect(runCli(['run', 'text_cause'], {cwd: root.dir}).stdout).toContain('\nCaused by: HTTP 429 Too Many Requests\n');
	});
});
