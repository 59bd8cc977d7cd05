import type {ProcessIdentity, RunSink} from './executor.js';
import type {RunLogSession} from './run-log-session.js';
import type {FromWorker} from './worker-protocol.js';

/**
 * A job worker's report on the run it carries out (its code started, progress, log lines, a
 * notification) handed on to the run's sink, a start to its log session too; any other message is not
 * a report and is left alone. A start carries `identity`, that of the process the run is in.
 */
export function forwardReport(message: FromWorker, sink: RunSink, session: RunLogSession | undefined, identity?: ProcessIdentity): void {
	switch (message.type) {
		case 'started': {
			session?.started(message.at);
			sink.started(message.at, identity);
			break;
		}

		case 'progress': {
			sink.progress(message.fraction, message.message);
			break;
		}

		case 'log': {
			sink.log(message.lines);
			break;
		}

		case 'notify': {
			sink.notify(message.title, message.body, message.users);
			break;
		}

		default: {
			break;
		}
	}
}
