import type {Console} from '../ui/console-harness.js';
import {keys} from './keys.js';

/**
 * In a harnessed console whose one job is `id` (one that fails): runs it by hand, waits for its ✗, and
 * opens its view with Enter. Returns the frame once the view's run table (RUN TRIGGER …) shows.
 */
export async function failedRunJobView(c: Console, id: string): Promise<string> {
	await c.see('Jobs (1)');
	await c.run(id);
	await c.see('✗');
	await c.press(keys.enter);
	return c.see(/RUN +TRIGGER/);
}
