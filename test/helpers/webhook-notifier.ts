import path from 'node:path';
import {Notifier} from '../../src/notify/notifier.js';
import {loadNotifySettings} from '../../src/notify/notify-settings.js';
import {SqliteNotificationStore} from '../../src/store/notification-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {MemoryLogger, type TestScheduler} from './test-scheduler.js';

/**
 * A real Notifier on the test scheduler, its one channel a webhook to `url` (a local receiver), written
 * to the root's config/notify_config.json: two attempts 20 ms apart, its deliveries kept in the root's
 * database. `logger` gets what the notifier logs.
 */
export function attachWebhookNotifier(t: TestScheduler, url: string, logger = new MemoryLogger()): Notifier {
	t.root.write('config/notify_config.json', JSON.stringify({channels: {webhook: {url}}, delivery: {attempts: 2, backoff_ms: 20, timeout_ms: 5000}}));
	const settings = loadNotifySettings(path.join(t.root.dir, 'config/notify_config.json'), path.join(t.root.dir, 'config/user_config.json'));
	const notifier = new Notifier(settings, new SqliteNotificationStore(openDatabase(path.join(t.root.dir, 'data/sage.db'))), logger);
	notifier.attach(t.scheduler);
	return notifier;
}
