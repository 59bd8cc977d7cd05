/**
 * The quote collector of the trading-session window tests: a root holding its script (a process that
 * says it is up, then runs until stopped), and a jobs.yaml with it as the service `quotes` (行情采集),
 * up from 5 minutes before the 09:15 auction to 5 minutes after the 15:00 close (09:10–15:05), on
 * trading days only, given 5 s to stop.
 */
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

const collector = '#!/bin/sh\necho "collector up"\nwhile :; do sleep 1; done\n';

/** The root (with `files` too), the script's path (what names its processes) and the jobs.yaml. */
export function sessionCollectorRoot(files: Record<string, string> = {}): {root: TempRoot; script: string; jobsYaml: string} {
	const root = makeTempRoot({'collector.sh': collector, ...files});
	const script = `${root.dir}/collector.sh`;
	const jobsYaml = `services:
  - id: quotes
    name: 行情采集
    command: ["sh", "${script}"]
    window: trading-session
    lead: 5m
    lag: 5m
    stop_timeout: 5s
`;
	return {root, script, jobsYaml};
}
