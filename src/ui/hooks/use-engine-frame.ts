import {useEffect, useState} from 'react';
import type {Engine} from '../../engine/engine.js';
import type {EngineSnapshot} from '../../engine/engine-snapshot.js';

export type EngineFrame = {snapshot: EngineSnapshot; tailVersion: number};

/**
 * What the console draws, refreshed at most every `intervalMs`: engine changes and new log lines
 * arrive as events and are folded into one redraw. A frame costs Ink ~10 ms of main-thread time
 * here, so drawing per event (or once for the snapshot and again for the log) would make the
 * scheduler itself late.
 */
export function useEngineFrame(engine: Engine, intervalMs = 250): EngineFrame {
	const [frame, setFrame] = useState<EngineFrame>(() => ({snapshot: engine.snapshot(), tailVersion: engine.tail.version}));
	useEffect(() => {
		let timer: NodeJS.Timeout | undefined;
		let last = 0;
		const schedule = () => {
			if (timer) {
				return;
			}

			timer = setTimeout(() => {
				timer = undefined;
				last = Date.now();
				setFrame({snapshot: engine.snapshot(), tailVersion: engine.tail.version});
			}, Math.max(0, intervalMs - (Date.now() - last)));
		};

		const offChanged = engine.events.on('changed', schedule);
		const offTail = engine.tail.subscribe(schedule);
		return () => {
			offChanged();
			offTail();
			clearTimeout(timer);
		};
	}, [engine, intervalMs]);
	return frame;
}
