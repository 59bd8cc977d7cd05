import {describe, expect, it} from 'vitest';
import {processTitle} from '../../src/cli/process-title.js';

describe('the process title', () => {
	it('is the command with its arguments, a password in a URL hidden', () => {
		expect(processTitle(['--headless', '--root', '/srv/box'])).toBe('sage-console --headless --root /srv/box');
		expect(processTitle(['worker', '--redis', 'redis://:s3cret@10.0.0.5:6379/0', '--queues', 'heavy'])).toBe('sage-console worker --redis redis://:***@10.0.0.5:6379/0 --queues heavy');
		expect(processTitle(['worker', '--redis', 'rediss://ops:pa:ss@redis.lan/1'])).toBe('sage-console worker --redis rediss://ops:***@redis.lan/1');
		expect(processTitle(['worker', '--redis', 'redis://10.0.0.5:6379/0'])).toBe('sage-console worker --redis redis://10.0.0.5:6379/0');
		expect(processTitle(['worker', '--redis=redis://:s3cret@10.0.0.5:6379/0'])).toBe('sage-console worker --redis=redis://:***@10.0.0.5:6379/0');
	});
});
