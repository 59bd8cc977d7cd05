/**
 * A jobs.yaml the scheduler refused reaches the phone, not only the screen: an operator away from the
 * pane learns that the edit did not apply (and the job it adds will not run), and again when the file
 * applies. One alert per error: the same problems told again (a `reload`, an edit elsewhere in the
 * file that moved them) send nothing; other problems send a new alert. The alert goes through the
 * channels job failures use, to users with `notify_job_failures` on; sending is the delivery queue's,
 * never on the scheduler's path.
 */
import type {ConfigProblem} from '../config/config-problem.js';
import {jobsFileMendedMessage, jobsFileRefusedMessage} from '../notify/jobs-file-messages.js';
import type {Message} from '../notify/notification-types.js';
import type {Notifier} from '../notify/notifier.js';
import type {Scheduler} from '../scheduler/scheduler.js';

/** What the edit that applies runs on, when none is refused: the jobs it loaded. */
const keptRunning = 'the jobs loaded before keep running';

/** The same error: the same messages, wherever in the file they are now. */
const errorOf = (problems: readonly ConfigProblem[]) => JSON.stringify(problems.map(problem => `${problem.file}: ${problem.message}`).sort());

export type JobsFileAlertOptions = {
	/** As the log shows it (`config/jobs.yaml`). */
	file: string;
	root: string;
	/** The file refused at this start, the last good job list in use (`inUse` says so). */
	refusedAtStart?: {problems: readonly ConfigProblem[]; inUse: string};
};

/** Listens to the scheduler's `config-invalid` and `config-reloaded`; gives the function that stops it. */
export function alertRefusedJobsFile(scheduler: Pick<Scheduler, 'events' | 'currentConfig' | 'say'>, notifier: Pick<Notifier, 'send'>, options: JobsFileAlertOptions): () => void {
	const {file, root} = options;
	let told: {error: string; at: number} | undefined;
	let inUse = options.refusedAtStart?.inUse ?? keptRunning;
	const send = (message: Message) => {
		notifier.send(message, {}, 'notify_job_failures').catch((error: unknown) => {
			scheduler.say('error', `could not send the alert about ${file}: ${(error as Error).message}`);
		});
	};

	const refused = (problems: readonly ConfigProblem[]) => {
		const error = errorOf(problems);
		if (told?.error === error) {
			return;
		}

		const at = Date.now();
		told = {error, at: told?.at ?? at};
		send(jobsFileRefusedMessage({file, root, problems, inUse, at}, scheduler.currentConfig.timezone));
	};

	if (options.refusedAtStart) {
		refused(options.refusedAtStart.problems);
	}

	const offInvalid = scheduler.events.on('config-invalid', ({problems}) => {
		refused(problems);
	});
	const offReloaded = scheduler.events.on('config-reloaded', () => {
		inUse = keptRunning;
		if (told) {
			send(jobsFileMendedMessage({file, root, refusedAt: told.at, at: Date.now()}, scheduler.currentConfig.timezone));
			told = undefined;
		}
	});
	return () => {
		offInvalid();
		offReloaded();
	};
}
