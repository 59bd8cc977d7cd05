/**
 * jobs.yaml with `shutdown: cancel` and a manual `long_backtest` that prints `tick N` every 0.5 s for a
 * minute: a live run to stop a scheduler under. `moreJobs` adds entries to its `jobs:` list.
 */
export function longBacktestJobs(moreJobs = ''): string {
	return `shutdown: cancel
jobs:
  - id: long_backtest
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 120); do echo tick $i; sleep 0.5; done"]
${moreJobs}`;
}
