import {useCallback, useSyncExternalStore} from 'react';
import type {Engine} from '../../engine/engine.js';
import type {EngineSnapshot} from '../../engine/engine-snapshot.js';

/**
 * The engine's snapshot, re-read at most every `intervalMs`: a burst of progress events costs one
 * render, not one per event.
 */
export function useEngineSnapshot(engine: Engine, intervalMs = 250): EngineSnapshot {
	const subscribe = useCallback((notify: () => void) => {
		let timer: NodeJS.Timeout | undefined;
		let last = 0;
		const off = engine.events.on('changed', () => {
			if (timer) {
				return;
			}

			const wait = Math.max(0, intervalMs - (Date.now() - last));
			timer = setTimeout(() => {
				timer = undefined;
				last = Date.now();
				notify();
			}, wait);
		});
		return () => {
			off();
			clearTimeout(timer);
		};
	}, [engine, intervalMs]);
	return useSyncExternalStore(subscribe, () => engine.snapshot());
}
