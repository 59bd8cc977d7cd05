/**
 * A service crash's message ends with the last line its stderr left (`crashy exited with code 1 after
 * 1 s: fatal: cannot bind port 9000`), and its stack is that stderr tail. A stderr of one line was then
 * shown twice in the service's view, under the message wrapped at the same indent; a longer stderr
 * (a Python traceback) is kept whole.
 */
import {describe, expect, it} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import type {ServiceView} from '../../src/protocol/snapshot.js';
import {serviceViewLines} from '../../src/ui/overlays/service-view-lines.js';

const now = Date.parse('2026-12-07T04:42:05+08:00');
const service: ServiceView = {id: 'crashy', name: 'crashy', state: 'fatal', since: now - 5000, enabled: true, window: 'always', inWindow: true, restartsToday: 2};
const crash = (id: number, message: string, stack: string): RunRecord => ({
	id, jobId: 'crashy', trigger: 'service', status: 'failed', scheduledAt: now - 3000, startedAt: now - 3000, finishedAt: now - 2000, attempt: 1,
	error: {type: 'ExitCode', message, stack},
});

describe('a service\'s crashes in its view', () => {
	it('shows a one-line stderr once, in the message, and a traceback whole', () => {
		const lines = serviceViewLines(service, {
			service, outputFile: '/r/logs/services/crashy.log', errorFile: '/r/logs/services/crashy.err.log', output: [], errors: [],
			crashes: [
				crash(338, 'crashy exited with code 1 after 1 s: fatal: cannot bind port 9000', 'fatal: cannot bind port 9000'),
				crash(312, 'crashy exited with code 1 after 1 s: ValueError: bad bar data', 'Traceback (most recent call last):\n  File "x.py", line 3, in <module>\nValueError: bad bar data'),
			],
		}, undefined, now, 80).map(line => line.text);
		expect(lines.filter(line => line.includes('cannot bind port 9000'))).toHaveLength(1);
		const traceback = lines.slice(lines.findIndex(line => line.includes('run 312')));
		expect(traceback.join('\n')).toMatch(/Traceback \(most recent call last\):\n\s+File "x\.py", line 3, in <module>\n\s+ValueError: bad bar data/);
	});
});
