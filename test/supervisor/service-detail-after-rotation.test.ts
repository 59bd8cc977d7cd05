/**
 * The service view's newest output reaches into the rotated copy (`.1`) when the live file holds fewer
 * lines than asked for: just after a rotation it showed only the line or two written since. A real
 * SchedulerHost, a real service and real copy-then-truncate rotation at log_max_size.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {rotationDone} from '../helpers/service-log.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceHosts} from './service-host.js';

const startHost = trackServiceHosts();

// 30 lines (about 2 KiB, over log_max_size), then one more once `more` exists.
const feedScript = `#!/bin/sh
i=1
while [ $i -le 30 ]; do echo "bulk line $i ${'.'.repeat(50)}"; i=$((i+1)); done
while [ ! -f more ]; do sleep 0.2; done
echo "after rotation"
while :; do sleep 1; done
`;

describe('the service view just after its output rotated', () => {
	it('shows the newest lines of the rotated copy before the live file\'s', async () => {
		const root = makeTempRoot({'feed.sh': feedScript});
		const t = await startHost(`services:
  - id: feed
    command: ["sh", "${root.dir}/feed.sh"]
    cwd: ${root.dir}
    log_max_size: 1kb
    log_keep: 2
`, {at: '2026-11-20T10:00:00+08:00', root});
		const log = path.join(root.dir, 'logs/services/feed.log');
		await rotationDone(log, 'bulk line 30 ');
		root.write('more', '');
		await waitFor(() => readFileSync(log, 'utf8').includes('after rotation'), 20_000, 'the line after the rotation');

		const detail = await t.host.handler('service-detail', {serviceId: 'feed', lines: 4});
		expect(detail.output).toEqual([28, 29, 30].map(index => `bulk line ${index} ${'.'.repeat(50)}`).concat('after rotation'));
	}, 60_000);
});
