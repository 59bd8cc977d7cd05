import type {MapReader} from './map-reader.js';

/** Signals a service may be asked to stop with (`TERM` and `SIGTERM` alike, as supervisord and systemd write them). */
const stopSignals = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGKILL'] as const;

/** `stop_signal`, SIGTERM when left out (or refused). */
export function readStopSignal(reader: MapReader): NodeJS.Signals {
	const value = reader.value('stop_signal');
	if (value === undefined) {
		return 'SIGTERM';
	}

	const name = typeof value === 'string' ? (value.toUpperCase().startsWith('SIG') ? value.toUpperCase() : `SIG${value.toUpperCase()}`) : '';
	const signal = stopSignals.find(candidate => candidate === name);
	if (!signal) {
		reader.report('stop_signal', `stop_signal must be one of ${stopSignals.join(', ')} (or without SIG), not ${JSON.stringify(value)}`);
	}

	return signal ?? 'SIGTERM';
}
