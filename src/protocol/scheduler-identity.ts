/**
 * Which scheduler answers a connection: its process, and when it started in it (`hello`'s answer).
 * The pid alone does not tell: a console's scheduler thread started again after a crash, or a
 * scheduler restarted as pid 1 of a container, has the pid of the one before.
 */
export type SchedulerIdentity = {pid: number; startedAt: number};

/** Whether two answers came from the same scheduler, not only from the same process. */
export function sameScheduler(a: SchedulerIdentity, b: SchedulerIdentity): boolean {
	return a.pid === b.pid && a.startedAt === b.startedAt;
}
