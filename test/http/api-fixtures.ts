import {expect} from 'vitest';

export const readToken = 'read-token-3b9f1c7e2a6d';
export const controlToken = 'control-token-8e2d4a1f6c0b';
export const tokens = `read:${readToken},control:${controlToken}`;
export const asReader = {authorization: `Bearer ${readToken}`};
export const asController = {authorization: `Bearer ${controlToken}`};

/** Jobs the API tests drive: quick, slow, failing, scheduled, and a heartbeat. */
export const apiJobs = `# The API tests' jobs.
warm_workers: 0
http:
  listen: "127.0.0.1:0"
  body_limit: 64kb
jobs:
  # says hello twice
  - id: ok
    trigger: manual
    command: ["sh", "-c", "echo hello; echo world"]
  - {id: slow, trigger: manual, command: ["sh", "-c", "echo start; sleep 1.5; echo end"]}
  - {id: fails, trigger: manual, command: ["sh", "-c", "echo bad >&2; exit 3"]}
  - {id: nightly, cron: "0 3 * * *", command: ["true"]}   # fires at night only
  - {id: beat, cron: "0 16 * * *", calendar: trading-days, heartbeat: true, grace: 10m}
`;

export type Json = Record<string, unknown>;

/** A JSON request to the API; the answer's status and body. */
export async function api(base: string, method: string, path: string, options: {headers?: Record<string, string>; body?: unknown; raw?: string; type?: string} = {}): Promise<{status: number; body: Json}> {
	const headers: Record<string, string> = {...options.headers};
	let body: string | undefined;
	if (options.raw !== undefined) {
		body = options.raw;
		headers['content-type'] = options.type ?? 'text/yaml';
	} else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] = 'application/json';
	}

	const response = await fetch(`${base}${path}`, {method, headers, body});
	const text = await response.text();
	let parsed: Json;
	try {
		parsed = JSON.parse(text) as Json;
	} catch {
		parsed = {text};
	}

	return {status: response.status, body: parsed};
}

/** Polls a run until it has ended (no timing assumed: as long as it takes). */
export async function endedRun(base: string, runId: number): Promise<Json> {
	for (;;) {
		const {body} = await api(base, 'GET', `/v1/runs/${runId}`, {headers: asReader});
		const run = body.run as {status: string} | undefined;
		if (run && !['queued', 'running'].includes(run.status)) {
			return run as Json;
		}

		await new Promise(resolve => {
			setTimeout(resolve, 40);
		});
	}
}

export function expectError(answer: {status: number; body: Json}, status: number, error: string): void {
	expect({status: answer.status, error: answer.body.error, hasMessage: typeof answer.body.message === 'string'}).toEqual({status, error, hasMessage: true});
}
