/**
 * The reload line names what changed in each changed service, old → new (a window, a readiness, a
 * command), the services apart by `; ~` since one's fields are apart by commas.
 */
import {describe, expect, it} from 'vitest';
import {parseJobsConfig} from '../../src/config/load-jobs-config.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const openScheduler = trackTestSchedulers();
const jobs = 'timezone: Asia/Shanghai\njobs:\n  - {id: a, trigger: manual, command: ["true"]}\n';
const services = (feed: string, quotes: string) => `${jobs}services:\n  - {id: feed, command: ["sleep", "600"], ${feed}}\n  - {id: quotes, command: ["sleep", "600"], ${quotes}}\n`;

describe('reloading a service edit', () => {
	it('names each changed service with its fields, old → new', () => {
		const t = openScheduler(services('window: "09:00-15:00"', 'ready_after: 5s'));
		t.scheduler.start();
		t.scheduler.reload(parseJobsConfig(services('window: "09:30-15:00", calendar: trading-days', 'ready_pattern: listening'), 'config/jobs.yaml', t.root.dir));
		const reloaded = t.logger.lines.map(line => line.msg).filter(msg => msg.startsWith('config reloaded'));
		expect(reloaded).toEqual(['config reloaded: 0 added, 0 removed, 0 changed; services: 0 added, 0 removed, 2 changed (~ feed: window 09:00–15:00 · every day → 09:30–15:00 · trading days; ~ quotes: ready after 5.0s → /listening/ within 1m00s)']);
	});

	it('names a window\'s zone only between two windows of times', () => {
		const t = openScheduler(services('window: always', 'window: "09:00-15:00"'));
		t.scheduler.start();
		t.scheduler.reload(parseJobsConfig(services('window: "09:00-15:00"', 'window: "09:00-15:00", timezone: Europe/London'), 'config/jobs.yaml', t.root.dir));
		const reloaded = t.logger.lines.map(line => line.msg).filter(msg => msg.startsWith('config reloaded'));
		expect(reloaded).toEqual(['config reloaded: 0 added, 0 removed, 0 changed; services: 0 added, 0 removed, 2 changed (~ feed: window always → 09:00–15:00 · every day; ~ quotes: timezone Asia/Shanghai → Europe/London)']);
	});
});
