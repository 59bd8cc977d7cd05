/**
 * `validate` reports every problem at once: the files `http:` and `redis:` name (a tokens file and a Redis
 * password file others can read) are checked also when a job elsewhere in jobs.yaml is wrong. They were
 * checked only once the rest of the file loaded, so a fixed typo brought up new problems on the next try.
 */
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const jobs = `jobs:
  - id: hello
    cron: "5/15 * * * *"
    command: ["echo", "hello"]
http:
  listen: "127.0.0.1:18481"
  tokens_file: config/api-tokens
redis:
  url: redis://127.0.0.1:6399/0
  password_file: config/redis.pass
`;

describe('validate with a wrong job beside http: and redis: files', () => {
	it('names the job\'s problem and the files\' problems in one go', () => {
		root = makeTempRoot({'config/jobs.yaml': jobs});
		const tokens = path.join(root.dir, 'config', 'api-tokens');
		const password = path.join(root.dir, 'config', 'redis.pass');
		writeFileSync(tokens, 'read:readtoken-aaaaaaaaaaaaaaaa\n');
		writeFileSync(password, 'secret\n');
		chmodSync(tokens, 0o644);
		chmodSync(password, 0o644);
		const result = runCli(['validate'], {cwd: root.dir, env: {SAGE_API_TOKENS: '', SAGE_REDIS_PASSWORD: '', SAGE_REDIS_PASSWORD_FILE: ''}});
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trim().split('\n');
		expect(lines[0]).toMatch(/^config\/jobs\.yaml:3:11: bad cron "5\/15 \* \* \* \*"/);
		expect(lines).toContain(`config/jobs.yaml:7:3: http.tokens_file ${tokens} is readable by others (mode 644): chmod 600 ${tokens}; the HTTP API will not start`);
		expect(lines.some(line => line.startsWith('config/jobs.yaml:10:3: ') && line.includes('readable by others (mode 644)') && line.endsWith('runs on workers cannot start'))).toBe(true);
		expect(lines.at(-1)).toBe('3 problems; nothing was loaded from this file');
	});
});
