import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {commandLine} from '../../src/executors/command-line.js';
import {expandPlaceholders} from '../../src/executors/placeholders.js';
import {shellQuote, shellScriptIndex} from '../../src/executors/shell-quote.js';
import {commandTarget, specFor} from './run-harness.js';

const spec = (params: Record<string, unknown> = {}) => specFor('/srv/sage root', commandTarget(['x']), {runId: 7, params, scheduledAt: Date.UTC(2026, 11, 2, 17, 0)});

describe('placeholders', () => {
	it('expand to the run\'s values; {date} is the scheduled day in the job\'s zone; unknown names stay', () => {
		const text = '{date} {trade_date} {run_id} {job_id} {attempt} {scheduled_at} {root} {params.n} {params.list} {params.missing} {nope}';
		expect(expandPlaceholders(text, {...spec({n: 'five', list: [1, 2]}), tradeDate: '2026-12-03'})).toBe('2026-12-03 2026-12-03 7 test_job 1 2026-12-02T17:00:00.000Z /srv/sage root five [1,2] {params.missing} {nope}');
	});

	it('quoted for a shell, every value is one word; redacted, secret params show as [redacted]', () => {
		expect(expandPlaceholders('cd {root} && echo {params.n}', spec({n: 'it\'s'}), {quote: true, redact: false})).toBe('cd \'/srv/sage root\' && echo \'it\'\\\'\'s\'');
		expect(expandPlaceholders('--token={params.api_token} --n={params.n}', spec({api_token: 'tk-1', n: 1}), {quote: false, redact: true})).toBe('--token=[redacted] --n=1');
	});
});

describe('shell quoting', () => {
	it('leaves plain words bare and single-quotes the rest so that sh reads back exactly the value', () => {
		expect(shellQuote('600519.SH')).toBe('600519.SH');
		expect(shellQuote('2026-12-03')).toBe('2026-12-03');
		for (const value of ['', 'a b', '$(id)', '`id`', '\'', 'a\'b\'\'c', 'x\ny', 'LD_PRELOAD=/x.so', '~root', '*', '中文 名字', '\\', '!']) {
			const echoed = spawnSync('sh', ['-c', `printf '%s' ${shellQuote(value)}`], {encoding: 'utf8'}).stdout;
			expect(echoed).toBe(value);
		}

		expect(shellQuote('LD_PRELOAD=/x.so')).toBe('\'LD_PRELOAD=/x.so\'');
	});

	it('finds the script a shell will parse in argv forms', () => {
		expect(shellScriptIndex(['sh', '-c', 'S'])).toBe(2);
		expect(shellScriptIndex(['/bin/bash', '-euc', 'S', 'arg0'])).toBe(2);
		expect(shellScriptIndex(['bash', '-o', 'pipefail', '-c', 'S'])).toBe(4);
		expect(shellScriptIndex(['bash', '--norc', '-c', '--', 'S'])).toBe(4);
		expect(shellScriptIndex(['zsh', '-c', 'S'])).toBe(2);
		expect(shellScriptIndex(['sh', 'script.sh', '-c'])).toBe(-1);
		expect(shellScriptIndex(['python3', '-c', 'S'])).toBe(-1);
		expect(shellScriptIndex(['sh', '-e'])).toBe(-1);
	});
});

describe('commandLine', () => {
	it('argv is exec-style; the shell script of sh -c and shell: true get quoted values; shown hides secrets', () => {
		const run = spec({x: '$(touch p)', password: 'pw-123456'});
		expect(commandLine({kind: 'command', argv: ['echo', '{params.x}', '--pw={params.password}'], shell: false}, run)).toEqual({
			argv: ['echo', '$(touch p)', '--pw=pw-123456'],
			shown: ['echo', '$(touch p)', '--pw=[redacted]'],
		});
		expect(commandLine({kind: 'command', argv: ['sh', '-c', 'echo {params.x}', '{params.x}'], shell: false}, run).argv).toEqual(['sh', '-c', 'echo \'$(touch p)\'', '$(touch p)']);
		expect(commandLine({kind: 'command', argv: ['echo {params.x} {params.password}'], shell: true}, run)).toEqual({
			argv: ['/bin/sh', '-c', 'echo \'$(touch p)\' pw-123456'],
			shown: ['/bin/sh', '-c', 'echo \'$(touch p)\' \'[redacted]\''],
		});
	});
});
