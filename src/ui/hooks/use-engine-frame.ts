import {useEffect, useState} from 'react';
import type {Engine} from '../../engine/engine.js';
import type {EngineSnapshot} from '../../engine/engine-snapshot.js';
import {untilNextBeat} from './beat.js';
import {drawWhenQuiet} from './quiet-moment.js';

export type EngineFrame = {snapshot: EngineSnapshot; tailVersion: number};

/**
 * What the console draws, refreshed at most every `intervalMs`, on beats of that length from the whole
 * second: engine changes and new log lines arrive as events and are folded into one redraw, drawn when
 * the scheduler is quiet (see drawWhenQuiet): drawing per event, or in the middle of a burst of fires,
 * would make the scheduler itself late.
 */
export function useEngineFrame(engine: Engine, intervalMs = 250): EngineFrame {
	const [frame, setFrame] = useState<EngineFrame>(() => ({snapshot: engine.snapshot(), tailVersion: engine.tail.version}));
	useEffect(() => {
		let cancel: (() => void) | undefined;
		const schedule = () => {
			cancel ??= drawWhenQuiet(ms => engine.isQuietFor(ms), untilNextBeat(intervalMs, Date.now()), () => {
				cancel = undefined;
				setFrame({snapshot: engine.snapshot(), tailVersion: engine.tail.version});
			});
		};

		const offChanged = engine.events.on('changed', schedule);
		const offTail = engine.tail.subscribe(schedule);
		return () => {
			offChanged();
			offTail();
			cancel?.();
		};
	}, [engine, intervalMs]);
	return frame;
}
