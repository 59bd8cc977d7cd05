import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createProcessLogger} from '../../src/log/process-logger.js';
import {isSecretKey, redactFields, redactSecrets, scrubText, secretValues} from '../../src/log/redact.js';
import {RunLoggers} from '../../src/log/run-logger.js';
import {waitFor} from '../helpers/wait-for.js';
import {scratchDir} from '../helpers/temp-root.js';

const readLines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map(line => JSON.parse(line) as Record<string, unknown>);

describe('which keys are secret', () => {
	it('any key containing token, secret, password, passwd, key, auth, credential or cookie, in any case', () => {
		for (const key of ['token', 'api_token', 'PASSWORD', 'db_passwd', 'apikey', 'apiKey', 'client_secret', 'Authorization', 'aws_credentials', 'session_cookie', 'pushplus_token', 'webhook', 'pass']) {
			expect({key, secret: isSecretKey(key)}).toEqual({key, secret: true});
		}

		for (const key of ['symbols', 'date', 'rows', 'user', 'channel', 'url']) {
			expect({key, secret: isSecretKey(key)}).toEqual({key, secret: false});
		}
	});

	it('censors them in log fields, in deep params, and finds their values to scrub from free text', () => {
		expect(redactFields({Api_Token: 'tk', symbols: 3})).toEqual({Api_Token: '[redacted]', symbols: 3});
		const params = {symbols: ['600519.SH'], broker: {login: 'ops', credentials: {user: 'u', pin: '8866'}}, list: [{cookie: 'sid=abcdef'}]};
		expect(redactSecrets(params)).toEqual({symbols: ['600519.SH'], broker: {login: 'ops', credentials: '[redacted]'}, list: [{cookie: '[redacted]'}]});
		expect(params.broker.credentials.pin).toBe('8866');
		expect(secretValues(params).sort()).toEqual(['8866', 'sid=abcdef', 'u']);
		expect(scrubText('login with sid=abcdef failed', secretValues(params))).toBe('login with [redacted] failed');
	});
});

describe('secrets in log lines', () => {
	it('a job\'s ctx.log censors secret keys up to two levels down and leaves everything else as written', () => {
		const dir = scratchDir('sage-redact-');
		const tail: string[] = [];
		const loggers = new RunLoggers(line => tail.push(line));
		const run = loggers.open(path.join(dir, 'run.log'), {jobId: 'sync_bars', runId: 7});
		const request = {url: 'https://api.example/bars', headers: {authorization: 'Bearer s3cr3t-abc'}};
		run.logger.info({token: 'tk-123456', request, symbols: 3, deep: {a: {b: {password: 'too-deep-is-kept'}}}}, 'fetched');
		run.logger.warn({rows: [{secret: 'in-an-array'}]}, 'rows');
		run.logger.error({err: Object.assign(new Error('quota hit'), {api_key: 'ak-999999'})}, 'failed');
		run.close();
		const [fetched, rows, failed] = readLines(path.join(dir, 'run.log'));
		expect(fetched).toMatchObject({jobId: 'sync_bars', runId: 7, msg: 'fetched', token: '[redacted]', symbols: 3, request: {url: 'https://api.example/bars', headers: {authorization: '[redacted]'}}});
		expect(fetched!.deep).toEqual({a: {b: {password: 'too-deep-is-kept'}}});
		expect(rows).toMatchObject({rows: [{secret: '[redacted]'}]});
		expect(failed).toMatchObject({msg: 'failed', err: {message: 'quota hit', api_key: '[redacted]'}});
		expect(String((failed!.err as {stack: string}).stack)).toContain('quota hit');
		// The caller's objects are not touched, and the tail gets the same censored lines.
		expect(request.headers.authorization).toBe('Bearer s3cr3t-abc');
		expect(tail.join('')).not.toMatch(/s3cr3t|tk-123456|in-an-array|ak-999999/);
	});

	it('the process log censors secret keys in fields and in child bindings', async () => {
		const dir = scratchDir('sage-redact-');
		const logger = createProcessLogger(dir, {stdout: false});
		logger.child({webhook: 'https://oapi.dingtalk.com/robot/send?access_token=zzz'}).info({channel: 'dingtalk', pushplus_token: 'pp-abcdef'}, 'sent');
		const file = path.join(dir, 'sage-console.log');
		const line = await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').includes('"sent"') && readLines(file).find(entry => entry.msg === 'sent'), 15_000, 'the line in the process log');
		expect(line).toMatchObject({channel: 'dingtalk', pushplus_token: '[redacted]', webhook: '[redacted]'});
	});
});
