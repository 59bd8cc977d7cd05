/** `host:port` (`[::1]:8470` for IPv6) as the HTTP API's `listen` gives it. */
export function splitListen(listen: string): {host: string; port: number} {
	const colon = listen.lastIndexOf(':');
	return {host: listen.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(listen.slice(colon + 1))};
}

/** Reachable from this machine only: the HTTP API listens anywhere else only with a token. */
export function isLoopback(host: string): boolean {
	return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `HOST:PORT` the HTTP API can listen on (`127.0.0.1:8470`, `[::1]:8470`, `0.0.0.0:8470`): a port up to 65535. */
export function isListenAddress(listen: string): boolean {
	return /^(\[[\da-f:.]+\]|[\w.-]+):\d{1,5}$/i.test(listen) && splitListen(listen).port <= 65_535;
}
