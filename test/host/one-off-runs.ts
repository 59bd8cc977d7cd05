/**
 * What the tests of a one-off `sage-console run` beside a scheduler share: a run read back as
 * `show ID --json` prints it, and flaky, a job with one retry whose first run waits for the test's go
 * and then fails.
 */
import path from 'node:path';
import {expect} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import type {TempRoot} from '../helpers/temp-root.js';

export type RunJson = {id: number; job_id: string; status: string; attempt: number; error_type: string | null; error_message: string | null};

/** The run as `show ID --json` prints it. */
export function shown(root: string, id: number): RunJson {
	const result = runCli(['show', String(id), '--json', '--root', root]);
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as RunJson;
}

/**
 * Writes the root's jobs.yaml: flaky, manual, `retries: 1` after 1 s. Its first run leaves `firstDone`,
 * waits for the file `go` to be made, then fails (exit 1); every later run sleeps a minute.
 */
export function flakyAfterGo(root: TempRoot): {firstDone: string; go: string} {
	const [firstDone, go] = [path.join(root.dir, 'first-done'), path.join(root.dir, 'go')];
	root.write('config/jobs.yaml', `jobs:
  - id: flaky
    trigger: manual
    retries: 1
    retry_backoff: 1s
    command: ["sh", "-c", "if [ -e ${firstDone} ]; then sleep 60; else touch ${firstDone}; while [ ! -e ${go} ]; do sleep 0.1; done; exit 1; fi"]
`);
	return {firstDone, go};
}
