import {useEffect} from 'react';
import type {ServiceView} from '../../protocol/snapshot.js';
import type {ConsoleActions} from '../console-actions.js';

/**
 * Loads an open service view's output and crashes when it opens, and again when the service moves
 * (a new start, an exit, a stop: its state or its run changes), not on a timer.
 */
export function useServiceDetail(actions: ConsoleActions, serviceId: string | undefined, service: ServiceView | undefined): void {
	const key = `${serviceId}:${service?.state}:${service?.runId}`;
	useEffect(() => {
		if (serviceId !== undefined) {
			actions.refreshService(serviceId);
		}
		// `key` stands for the open service and its state.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [key]);
}
