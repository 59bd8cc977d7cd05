/**
 * A job moved over from an APScheduler script keeps its add_job options by habit (coalesce,
 * max_instances, misfire_grace_time, func, args, kwargs). Each is still refused at its key, and now says
 * which key of jobs.yaml does what it did; before, coalesce and max_instances got a bare "unknown key".
 * A typo of jobs.yaml's own keys still gets the likely name.
 */
import {describe, expect, it} from 'vitest';
import {configProblemsOf} from '../helpers/config-problems.js';

describe('APScheduler\'s add_job options in a job', () => {
	it('are refused, each naming what jobs.yaml writes instead', () => {
		const problems = configProblemsOf(`jobs:
  - id: sync
    cron: "0 16 * * 1-5"
    command: ["true"]
    coalesce: true
    max_instances: 1
    misfire_grace_time: 300
    kwargs: {days: 5}
    timout: 5m
`, '/tmp');
		expect(problems).toEqual([
			'config/jobs.yaml:5:5: unknown key "coalesce" in a job: APScheduler\'s coalesce is catch_up here: catch_up: once runs missed fire times once (coalesce: true), catch_up: all runs each (coalesce: false)',
			'config/jobs.yaml:6:5: unknown key "max_instances" in a job: APScheduler\'s max_instances is concurrency here: concurrency: skip (the default) keeps one run at a time (max_instances: 1), allow lets runs overlap, queue makes the next one wait',
			'config/jobs.yaml:7:5: unknown key "misfire_grace_time" in a job: APScheduler\'s misfire_grace_time is misfire_grace here, a duration (misfire_grace: 5m)',
			'config/jobs.yaml:8:5: unknown key "kwargs" in a job: a job is given its inputs as params: (a mapping, read by the job as ctx.params)',
			'config/jobs.yaml:9:5: unknown key "timout" in a job (did you mean "timeout"?)',
		]);
	});

	it('in a group too', () => {
		const problems = configProblemsOf(`jobs:
  - {id: a, trigger: manual, command: ["true"]}
groups:
  - {id: evening, cron: "0 18 * * *", members: [a], max_instances: 1}
`, '/tmp');
		expect(problems).toEqual([expect.stringMatching(/^config\/jobs\.yaml:4:53: unknown key "max_instances" in a group: APScheduler's max_instances is concurrency here: /) as unknown]);
	});
});
