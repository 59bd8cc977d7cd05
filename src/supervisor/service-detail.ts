/**
 * A service up close, for the console's service view and `service-detail` requests: its view, its
 * newest output and errors, and its last crashes from history.
 */
import type {RunRecord} from '../core/run-record.js';
import type {ServiceDetail} from '../protocol/messages.js';
import {serviceLogFiles, tailLines} from './service-logs.js';
import {runMarkOf} from './service-run-marks.js';
import type {SupervisedService} from './supervised-service.js';
import type {ServiceHistory, SupervisorSay} from './supervisor-deps.js';

export type ServiceDetailDeps = {
	now(): number;
	history: ServiceHistory;
	/** `ROOT/logs/services`. */
	logsDir: string;
	say: SupervisorSay;
};

/**
 * The newest `count` lines of `file`, reaching into its newest rotated copy (`.1`) when the file has
 * fewer: just after a rotation the live file holds a line or two, and the view would show only those.
 */
function newestLines(file: string, count: number): string[] {
	const lines = tailLines(file, count);
	return lines.length < count ? [...tailLines(`${file}.1`, count - lines.length), ...lines] : lines;
}

/** The detail of `service` with up to `lines` lines of its output (and at most 50 of its errors). */
export function serviceDetail(service: SupervisedService, lines: number, deps: ServiceDetailDeps): ServiceDetail {
	const id = service.def.id;
	const files = serviceLogFiles(deps.logsDir, id);
	let crashes: RunRecord[] = [];
	try {
		crashes = deps.history.query({jobId: id, trigger: 'service', status: 'failed', limit: 5});
	} catch (error) {
		deps.say('warn', `could not read the crashes of service ${id}: ${(error as Error).message}`, {jobId: id});
	}

	return {
		service: service.view(deps.now()),
		outputFile: files.out,
		errorFile: files.err,
		// The service's own lines: the marks of its runs' starts and ends left out (service-run-marks.ts), at most two a run.
		output: newestLines(files.out, lines * 3).filter(line => runMarkOf(line) === undefined).slice(-lines),
		errors: newestLines(files.err, Math.min(lines, 50) * 3).filter(line => runMarkOf(line) === undefined).slice(-Math.min(lines, 50)),
		crashes,
	};
}
