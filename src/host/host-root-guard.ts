import {processLogFile, type ProcessLogger} from '../log/process-logger.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {HistoryDatabase} from './database-restore.js';
import type {InstanceLock} from './instance-lock.js';
import type {GoodJobsKeeper} from './last-good-jobs.js';
import type {AppPaths} from './paths.js';
import {RootGuard} from './root-guard.js';
import type {SocketServer} from './socket-server.js';

export type HostRootDeps = {
	paths: AppPaths;
	database: HistoryDatabase;
	lock: InstanceLock | undefined;
	socket: SocketServer | undefined;
	logger: ProcessLogger;
	scheduler: Scheduler;
	/** Keeps data/sage.last-good-jobs.yaml (written again when deleted). */
	lastGoodJobs: {file: string; keeper: GoodJobsKeeper} | undefined;
	/** After the database was restored: what else had the deleted file open starts again on the new one. */
	reopened(): Promise<void>;
};

/** Guards a scheduling host's files (src/host/root-guard.ts), mending them with the host's own parts. */
export function guardRoot({paths, database, lock, socket, logger, scheduler, lastGoodJobs, reopened}: HostRootDeps): RootGuard {
	return new RootGuard({
		dbFile: paths.dbFile,
		socketFile: paths.socketFile,
		dbInode: () => database.openInode,
		restoreDatabase: async () => {
			await database.restore();
			await reopened();
		},
		lock,
		relisten: async () => socket?.relisten(),
		logFile: processLogFile(logger),
		lastGoodJobs: lastGoodJobs && {file: lastGoodJobs.file, writeAgainIfGone: async () => lastGoodJobs.keeper.writeAgainIfGone()},
		say: (level, message) => scheduler.say(level, message),
		setNotice: (key, text) => scheduler.setNotice(key, text),
	});
}
