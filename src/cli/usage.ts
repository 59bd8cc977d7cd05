import {runStatuses} from '../core/run-record.js';

/** The command line's words: the usage text `--help` prints, and every flag there is. */

export const help = `
	Usage
	  $ sage-console [--root DIR] [--config FILE] [--db FILE]   open the console (scheduler runs inside)
	  $ sage-console --headless                                  the scheduler without a UI, logging to stdout
	  $ sage-console init [DIR]                                  a starter project root in DIR (default: --root DIR, else here); never overwrites
	  $ sage-console validate                                    check config/ (jobs.yaml, calendar.yaml, notify files), every problem with FILE:LINE:COL
	  $ sage-console list [--json] [--from ISO] [--count N]      next fire times of every job
	  $ sage-console history [--json] [--job ID] [--status S] [--since DATE] [--limit N]
	  $ sage-console show RUN_ID [--json]                        one run with its stack trace and log path
	  $ sage-console run JOB [--param k=v ...] [--trade-date D | --from D1 --to D2] [--detach]
	                                                             run now: through the live scheduler if one runs, else here;
	                                                             follows its retries; exit 0 when the last attempt succeeded
	  $ sage-console status [--json]                             the live scheduler: pid, uptime, runs, next fires, heartbeats
	  $ sage-console pause JOB|--all · resume JOB|--all          pause a job, or the whole scheduler (--all)
	  $ sage-console cancel RUN_ID · retry RUN_ID · reload       steer the live scheduler
	  $ sage-console start|stop|restart SERVICE [--json]         a service of jobs.yaml (services:); status shows them
	  $ sage-console logs RUN_ID [--follow]                      a run's log, followed until the run ends (exit 1 if it did not succeed);
	                                                             through a live scheduler, follows its retries as run does
	  $ sage-console calendar [--year Y] [--json]                trading days and exchange closures
	  $ sage-console plan [--date D] [--json]                    what fires when on a day
	  $ sage-console notify test [--channel C]                   a test message through each channel
	  $ sage-console export [--format yaml|json] [--jobs a,b]    job definitions as written, and which are paused
	  $ sage-console import FILE [--dry-run]                     replace the job list from FILE (the diff first; comments kept)
	  $ sage-console ping JOB [--start | --fail]                 a heartbeat job's ping from a shell
	  $ sage-console worker [--redis URL] [--queues a,b] [--concurrency N] [--grace 30s]
	                        [--lock-duration 30s] [--stalled-interval 30s]
	                                                             carry out run_on: workers jobs on this machine (docs/workers.md)

	Options
	  --root DIR      project root (config/, jobs/, data/, logs/); default: the current directory
	  --config FILE   jobs file; default: ROOT/config/jobs.yaml
	  --db FILE       history database; default: ROOT/data/sage.db
	  --headless      no console: for systemd and pipes
	  --http ADDR     serve the HTTP API on ADDR (e.g. 127.0.0.1:8470), as jobs.yaml's http: would
	  --help, --version

	Exit codes: 0 ok · 1 failed run, bad config, database problem, no such job or run · 2 usage error
	            3 another scheduler already schedules this database · 4 no scheduler is running (or it went away)
`;

/**
 * What a command's own flags mean, for `sage-console COMMAND --help` only (the whole help keeps to the
 * usage lines): a block set between the command's usage and the options every command takes.
 */
export const commandFlagHelp: Readonly<Partial<Record<string, readonly string[]>>> = {
	list: [
		'List options',
		'  --json                    the jobs and their fire times (ISO with offset) as JSON instead of the table',
		'  --from ISO                from this instant: 2026-12-07 (the day\'s start, Shanghai) or 2026-12-07T09:30:00+08:00;',
		'                            default: now',
		'  --count N                 fire times per job, 1 to 10000; default: one in the table, 5 with --json',
	],
	history: [
		'History options',
		'  --json                    the runs as JSON, one object each',
		'  --job ID                  only this job\'s runs',
		`  --status S                only runs in this state: ${runStatuses.join(', ')}`,
		'  --since DATE              only runs scheduled at or after: 2026-12-01 (the day\'s start, Shanghai)',
		'                            or 2026-12-01T09:30:00+08:00',
		'  --limit N                 at most N runs, the newest; default: 50',
	],
	run: [
		'Run options',
		'  --param k=v               a parameter, repeatable: the value is JSON when it parses (days=3, dry_run=true,',
		'                            symbols=\'["600519.SH"]\'), text otherwise (name=x); checked by the job\'s params_schema',
		'  --trade-date D            the trading day the run is for, YYYY-MM-DD; default: today when it trades,',
		'                            else the last trading day before it (Shanghai/Shenzhen calendar)',
		'  --from D1 --to D2         backfill: one run per trading day from D1 to D2 (YYYY-MM-DD, both included)',
		'  --detach                  print the run id and leave the run to the live scheduler (exit 4 when none runs)',
	],
	logs: [
		'Logs options',
		'  --follow                  go on printing as the run writes, until it ends; then how it ended, and exit 1',
		'                            unless it succeeded, as run does; through a live scheduler, a failed attempt',
		'                            goes on to its retry (retries:), and so to the last, whose outcome is the exit code',
	],
	plan: [
		'Plan options',
		'  --date D                  the day, YYYY-MM-DD (Shanghai); default: today',
		'  --json                    the day\'s plan as JSON',
	],
	status: [
		'Status options',
		'  --json                    the live scheduler\'s state as JSON; exit 4 when none is running',
	],
	worker: [
		'Worker options',
		'  --redis URL               where the queues are; default: the redis: of ROOT/config/jobs.yaml',
		'  --queues a,b              worker queues to take runs from; default: every worker queue jobs.yaml names',
		'  --concurrency N           runs at once per queue, 1 to 256; default: 1',
		'  --grace 30s               on SIGTERM/SIGINT, runs going may finish within this, then are given back',
		'                            (run by another worker); a second signal gives them back at once; default: 30s',
		'  --root DIR                the project checkout, the same as the console\'s; default: the current directory',
		'  --lock-duration 30s       BullMQ\'s lock on a taken run (renewed at half of it); default: 30s',
		'  --stalled-interval 30s    how often this worker looks for runs whose worker stopped renewing their lock;',
		'                            with --lock-duration it bounds how fast a dead worker\'s run is handed over; default: 30s',
	],
};

/** Every flag; anything else on the command line is a usage error (rejectUnknownFlags). */
export const flagSpecs = {
	root: {type: 'string'},
	config: {type: 'string'},
	db: {type: 'string'},
	headless: {type: 'boolean'},
	json: {type: 'boolean'},
	from: {type: 'string'},
	to: {type: 'string'},
	count: {type: 'number'},
	job: {type: 'string'},
	status: {type: 'string'},
	since: {type: 'string'},
	limit: {type: 'number'},
	param: {type: 'string', isMultiple: true},
	tradeDate: {type: 'string'},
	year: {type: 'number'},
	date: {type: 'string'},
	channel: {type: 'string'},
	all: {type: 'boolean'},
	follow: {type: 'boolean'},
	detach: {type: 'boolean'},
	http: {type: 'string'},
	format: {type: 'string'},
	jobs: {type: 'string'},
	dryRun: {type: 'boolean'},
	start: {type: 'boolean'},
	fail: {type: 'boolean'},
	redis: {type: 'string'},
	queues: {type: 'string'},
	concurrency: {type: 'number'},
	grace: {type: 'string'},
	lockDuration: {type: 'string'},
	stalledInterval: {type: 'string'},
} as const;
