/**
 * APScheduler's `add_job` options that jobs.yaml names otherwise, with what to write instead: a job
 * moved over from an APScheduler script keeps them by habit, and "unknown key" alone does not say where
 * their meaning went.
 */
export const apschedulerKeyAdvice: Readonly<Record<string, string>> = {
	coalesce: 'APScheduler\'s coalesce is catch_up here: catch_up: once runs missed fire times once (coalesce: true), catch_up: all runs each (coalesce: false)',
	max_instances: 'APScheduler\'s max_instances is concurrency here: concurrency: skip (the default) keeps one run at a time (max_instances: 1), allow lets runs overlap, queue makes the next one wait',
	misfire_grace_time: 'APScheduler\'s misfire_grace_time is misfire_grace here, a duration (misfire_grace: 5m)',
	func: 'what runs is module: (a file under jobs/) or command: (a program and its arguments)',
	args: 'a job is given its inputs as params: (a mapping, read by the job as ctx.params)',
	kwargs: 'a job is given its inputs as params: (a mapping, read by the job as ctx.params)',
};
