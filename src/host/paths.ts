import path from 'node:path';
import type {RunPaths} from '../executors/executor.js';
import {socketPathFor} from './socket-path.js';

export type AppPaths = RunPaths & {
	configFile: string;
	calendarFile: string;
	notifyConfigFile: string;
	userConfigFile: string;
	dbFile: string;
	jobLogs: string;
	/** One scheduler per database: `data/sage.lock`, beside the database. */
	lockFile: string;
	/** Where the scheduler listens for clients: `data/sage.sock` (see socketPathFor). */
	socketFile: string;
};

/** Everything resolves under the root (`--root`, default the current directory); flags override single files. */
export function resolvePaths(flags: {root?: string; config?: string; db?: string}, cwd = process.cwd()): AppPaths {
	const root = path.resolve(cwd, flags.root ?? '.');
	const data = path.join(root, 'data');
	const logs = path.join(root, 'logs');
	const dbFile = flags.db ? path.resolve(cwd, flags.db) : path.join(data, 'sage.db');
	return {
		root,
		data,
		processed: path.join(data, 'processed'),
		features: path.join(data, 'features'),
		reports: path.join(root, 'reports'),
		logs,
		jobLogs: path.join(logs, 'jobs'),
		configFile: flags.config ? path.resolve(cwd, flags.config) : path.join(root, 'config', 'jobs.yaml'),
		calendarFile: path.join(root, 'config', 'calendar.yaml'),
		notifyConfigFile: path.join(root, 'config', 'notify_config.json'),
		userConfigFile: path.join(root, 'config', 'user_config.json'),
		dbFile,
		lockFile: path.join(path.dirname(dbFile), `${path.basename(dbFile, path.extname(dbFile))}.lock`),
		socketFile: socketPathFor(dbFile),
	};
}
