/**
 * The differential suite: sage-console's real CLI (`list --json`) against APScheduler 3 and croniter
 * (Debian's python3-apscheduler and python3-croniter, in /usr/bin/python3) on generated and hand-picked
 * schedules. Every case must equal the oracle's "model" (the peer's own field matching, turned into
 * instants by the rules in docs/schedules.md, with Python's zoneinfo); where the peer as its users run it
 * ("raw") differs, the difference must be one of the documented ones.
 *
 * `npm test` runs a few hundred cases; `npm run test:oracle` runs thousands (ORACLE_CASES, ORACLE_SEED).
 */
import {execFile, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {currentCliArgs} from '../helpers/current-cli.js';
import {boundedBatches, generatedBatches, handPickedBatches, type OracleBatch, type OracleCase} from './schedule-cases.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const python = '/usr/bin/python3';
const oracleScript = path.join(repo, 'test/fixtures/schedule_oracle.py');
const closures = path.join(repo, 'src/market/sse-closures.json');
const peersReady = spawnSync(python, ['-c', 'import apscheduler, croniter'], {encoding: 'utf8'}).status === 0;
const total = Number(process.env.ORACLE_CASES ?? 300);
const seed = Number(process.env.ORACLE_SEED ?? 24);
const hour = 3_600_000;
/** The CLI as src/ has it: built when dist/ is current (a start under tsx compiles it again, seconds a batch). */
const cliArgs = currentCliArgs();

type Listed = {id: string; next: string[]; never?: boolean};
type OracleAnswer = {
	id: string;
	model: number[] | {error: string} | {incomplete: true};
	raw: number[] | null | {error: string};
	/** APScheduler given the first occurrence of a repeated start_date / run_date / end_date. */
	rawFirstOccurrence?: number[];
	/** croniter with each day of a day-of-month list asked alone, the answers merged. */
	rawDaysApart?: number[];
	transitions: number[];
};
type Outcome = {batch: OracleBatch; c: OracleCase; ours: number[]; answer: OracleAnswer};

function jobYaml(c: OracleCase): string {
	const lines = [`  - id: ${c.id}`, '    command: ["true"]', `    timezone: ${c.timezone}`];
	const put = (key: string, value: unknown) => lines.push(`    ${key}: ${JSON.stringify(value)}`);
	switch (c.kind) {
		case 'aps': {
			put('trigger', 'cron');
			for (const [key, value] of Object.entries(c.fields ?? {})) {
				put(key, value);
			}

			break;
		}

		case 'cron': {
			put('cron', c.cron);
			break;
		}

		case 'interval': {
			put('trigger', 'interval');
			for (const [key, value] of Object.entries(c.interval ?? {})) {
				put(key, value);
			}

			break;
		}

		case 'date': {
			put('trigger', 'date');
			put('run_date', c.run_date);
			break;
		}
	}

	for (const key of ['start_date', 'end_date', 'calendar', 'window', 'trading_day_of_month', 'trading_day_of_week'] as const) {
		if (c[key] !== undefined) {
			put(key, c[key]);
		}
	}

	return lines.join('\n');
}

const isoWithOffset = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?[+-]\d\d:\d\d$/;

/** The real CLI on one batch: a throwaway root whose jobs.yaml holds every case as a job. */
async function listBatch(batch: OracleBatch, base: string, index: number): Promise<Map<string, number[]>> {
	const root = path.join(base, `batch-${index}`);
	mkdirSync(path.join(root, 'config'), {recursive: true});
	writeFileSync(path.join(root, 'config/jobs.yaml'), `timezone: UTC\njobs:\n${batch.cases.map(c => jobYaml(c)).join('\n')}\n`);
	let stdout: string;
	try {
		({stdout} = await run(process.execPath, [...cliArgs, 'list', '--json', '--from', batch.from, '--count', String(batch.count), '--root', root], {cwd: repo, maxBuffer: 64 * 1024 * 1024}));
	} catch (error) {
		throw new Error(`list failed on batch ${index} (${batch.focus}): ${(error as {stderr?: string}).stderr ?? String(error)}`);
	}

	const listed = JSON.parse(stdout) as Listed[];
	return new Map(listed.map(job => {
		for (const time of job.next) {
			expect(time).toMatch(isoWithOffset);
		}

		// "never" is said exactly when nothing is left from --from on.
		expect(job.never === true).toBe(job.next.length === 0);
		return [job.id, job.next.map(time => Date.parse(time))];
	}));
}

async function inPool<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results: R[] = [];
	let next = 0;
	await Promise.all(Array.from({length: width}, async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index]!, index);
		}
	}));
	return results;
}

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/** The lists agree once `drop` times are left out of both, allowing for one list being cut at `count`. */
function agreeWithout(ours: number[], peer: number[], count: number, drop: (t: number) => boolean): boolean {
	const a = ours.filter(t => !drop(t));
	const b = peer.filter(t => !drop(t));
	const n = Math.min(a.length, b.length);
	const cut = (kept: number[], all: number[], other: number[]) => kept.length >= other.length || all.length === count;
	return same(a.slice(0, n), b.slice(0, n)) && cut(a, ours, b) && cut(b, peer, a) && (a.length !== ours.length || b.length !== peer.length);
}

/** Which documented difference explains `peer` against ours (docs/schedules.md, "Where we differ"), or 'unexplained'. */
function documentedDifference({batch, c, ours, answer}: Outcome, peer: number[]): string {
	if (same(ours, peer)) {
		return 'same as the peer';
	}

	const from = Date.parse(batch.from);
	if (c.kind === 'date' && ours.length === 0 && peer.length === 1 && peer[0]! < from) {
		return 'a past run_date: APScheduler returns it, we say never';
	}

	const nearChange = (t: number) => answer.transitions.some(at => Math.abs(t - at) <= 26 * hour);
	const after2037 = (t: number) => new Date(t).getUTCFullYear() >= 2038;
	if (answer.rawDaysApart && !same(peer, answer.rawDaysApart) && documentedDifference({batch, c, ours, answer: {...answer, rawDaysApart: undefined}}, answer.rawDaysApart) !== 'unexplained') {
		return 'croniter 1.3 skips the first days of March when a day list names days February lacks (croner 10 had the same bug)';
	}

	if (c.kind === 'cron') {
		// croniter 1.3 misplaces fire times after a DST change: with a zoneinfo start, the first fire after
		// each change (sometimes weeks later) comes an hour off and again on time; with pytz, it keeps the
		// start's offset for weeks. Its field matching is compared through the model; its DST handling is not.
		const last = Math.max(...ours, ...peer);
		if (answer.transitions.some(at => at >= from - (26 * hour) && at <= last)) {
			return 'croniter\'s own DST handling, past a DST change';
		}
	}

	if (agreeWithout(ours, peer, batch.count, nearChange)) {
		return 'DST change: APScheduler 3 (pytz) around a change';
	}

	if (agreeWithout(ours, peer, batch.count, after2037)) {
		return 'after 2037: pytz has no DST rules past 2037';
	}

	if (agreeWithout(ours, peer, batch.count, t => nearChange(t) || after2037(t))) {
		return 'DST change and after 2037';
	}

	// APScheduler 3 counts its search up in absolute time: when a search crosses a change on its way to a
	// fire days later, it lands an hour off there (from before a spring-forward, `minute: 45` on the 1st
	// of next month comes at 01:45 instead of 00:45; `hour: 0` on a later 1st is missed). So: every fire
	// the lists disagree on must be one the peer reached by a search across a change.
	const full = ours.length === batch.count && peer.length === batch.count;
	const horizon = full ? Math.min(ours.at(-1)!, peer.at(-1)!) : Number.POSITIVE_INFINITY;
	const disagreed = [...ours.filter(t => !peer.includes(t)), ...peer.filter(t => !ours.includes(t))].filter(t => t <= horizon);
	const searchCrossedChange = (t: number) => {
		const searchStart = Math.max(from, ...peer.filter(x => x < t));
		return answer.transitions.some(at => at >= searchStart - (26 * hour) && at < t);
	};

	if (disagreed.length > 0 && disagreed.every(t => searchCrossedChange(t) || nearChange(t) || after2037(t))) {
		return 'a search across a DST change: APScheduler 3 lands an hour off';
	}

	if (answer.rawFirstOccurrence && same(ours, answer.rawFirstOccurrence)) {
		return 'start_date/run_date/end_date in a repeated hour: APScheduler 3 takes the second, we the first';
	}

	const fields = c.cron?.trim().split(/\s+/) ?? [];
	const bothDays = [fields.at(-3), fields.at(-1)].every(field => field !== undefined && field !== '*' && field !== '?');
	if (bothDays && (c.cron!.includes('#') || peer.length < ours.length)) {
		return 'both day fields: croniter 1.3 ignores the day of the month beside a `#` weekday, and gives up on a day its months lack';
	}

	return 'unexplained';
}

describe.skipIf(!peersReady)('schedules side by side with APScheduler 3 and croniter (needs /usr/bin/python3 with python3-apscheduler and python3-croniter; .ci/run installs them)', () => {
	const batches = [...handPickedBatches, ...generatedBatches(total, seed, 40), ...boundedBatches(Math.ceil(total / 5), seed, 20)];
	const caseCount = batches.reduce((sum, batch) => sum + batch.cases.length, 0);

	it(`gives the documented fire times on ${caseCount} cases (seed ${seed})`, async () => {
		const base = mkdtempSync(path.join(os.tmpdir(), 'sage-oracle-'));
		try {
			const request = {calendar: closures, cases: batches.flatMap((batch, b) => batch.cases.map(c => ({...c, id: `${b}/${c.id}`, from: batch.from, count: batch.count})))};
			const oracleRun = new Promise<OracleAnswer[]>((resolve, reject) => {
				const child = execFile(python, [oracleScript], {maxBuffer: 256 * 1024 * 1024}, (error, stdout, stderr) => {
					if (error) {
						reject(new Error(`the oracle failed: ${stderr}`));
					} else {
						resolve(JSON.parse(stdout) as OracleAnswer[]);
					}
				});
				child.stdin!.end(JSON.stringify(request));
			});
			const listed = await inPool(batches, 2, async (batch, index) => listBatch(batch, base, index));
			const answers = new Map((await oracleRun).map(answer => [answer.id, answer]));

			const wrong: string[] = [];
			const unexplained: string[] = [];
			const tally = new Map<string, number>();
			const count = (what: string) => tally.set(what, (tally.get(what) ?? 0) + 1);
			for (const [b, batch] of batches.entries()) {
				for (const c of batch.cases) {
					const ours = listed[b]!.get(c.id);
					const answer = answers.get(`${b}/${c.id}`)!;
					const about = `${batch.focus}, from ${batch.from}, ${c.timezone}: ${JSON.stringify(c.fields ?? c.cron ?? c.interval ?? c.run_date)}${c.start_date ? ` from ${c.start_date}` : ''}${c.end_date ? ` until ${c.end_date}` : ''}${c.calendar ? ` ${c.calendar}` : ''}${c.window ? ` ${c.window}` : ''}${c.trading_day_of_month ? ` tdom ${c.trading_day_of_month}` : ''}${c.trading_day_of_week ? ` tdow ${c.trading_day_of_week}` : ''}`;
					const show = (times: number[]) => times.map(t => new Date(t).toISOString()).join(' ');
					if (!ours || !Array.isArray(answer.model)) {
						wrong.push(`${about}: ours ${ours ? show(ours) : 'missing'}, model ${JSON.stringify(answer.model)}`);
						continue;
					}

					const bounds = c.end_date !== undefined || (c.start_date !== undefined && c.kind !== 'interval');
					count(`cases: ${c.kind}${c.calendar ? ' + calendar' : ''}${bounds ? ' + start_date/end_date' : ''}`);
					if (!same(ours, answer.model)) {
						wrong.push(`${about}:\n  ours  ${show(ours)}\n  model ${show(answer.model)}`);
						continue;
					}

					if (answer.raw === null) {
						count('no peer has a trading calendar: model only');
					} else if (!Array.isArray(answer.raw)) {
						unexplained.push(`${about}: the peer refused it: ${answer.raw.error}`);
					} else {
						const why = documentedDifference({batch, c, ours, answer}, answer.raw);
						if (why === 'unexplained') {
							unexplained.push(`${about}:\n  ours ${show(ours)}\n  peer ${show(answer.raw)}`);
						} else {
							count(why === 'same as the peer' ? why : `documented difference: ${why}`);
						}
					}
				}
			}

			console.log(`schedule oracle, seed ${seed}: ${caseCount} cases compared\n${[...tally].sort().map(([what, n]) => `  ${what}: ${n}`).join('\n')}\n  different from the model: ${wrong.length}\n  unexplained differences from the peer: ${unexplained.length}`);
			if (wrong.length + unexplained.length > 0) {
				console.log([...wrong, ...unexplained].slice(0, 40).join('\n'));
			}

			expect(wrong.slice(0, 15)).toEqual([]);
			expect(unexplained.slice(0, 15)).toEqual([]);
		} finally {
			rmSync(base, {recursive: true, force: true});
		}
	}, 120_000 + (total * 200));
});
