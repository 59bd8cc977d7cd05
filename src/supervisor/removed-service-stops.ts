/**
 * Stops of services removed from jobs.yaml that are still under way (a process waiting out its
 * stop_timeout). A shutdown waits for them as for the services still in the file, and a service put
 * back meanwhile is supervised again only once its old process has stopped: never two copies.
 */
export class RemovedServiceStops {
	private readonly stops = new Map<string, Promise<void>>();

	/** @param over A removed service's stop ended (its id): a service put back meanwhile may come in now. */
	constructor(private readonly over: (serviceId: string) => void) {}

	add(serviceId: string, stopped: Promise<void>): void {
		this.stops.set(serviceId, stopped);
		const ended = () => {
			this.stops.delete(serviceId);
			this.over(serviceId);
		};

		stopped.then(ended, ended);
	}

	/** Whether the old process of `serviceId` is still stopping. */
	has(serviceId: string): boolean {
		return this.stops.has(serviceId);
	}

	/** Settles once every stop under way has ended. */
	async ended(): Promise<void> {
		await Promise.all(this.stops.values());
	}
}
