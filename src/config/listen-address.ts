/** `host:port` (`[::1]:8470` for IPv6) as the HTTP API's `listen` gives it. */
export function splitListen(listen: string): {host: string; port: number} {
	const colon = listen.lastIndexOf(':');
	return {host: listen.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(listen.slice(colon + 1))};
}

/** Reachable from this machine only: the HTTP API listens anywhere else only with a token. */
export function isLoopback(host: string): boolean {
	return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
