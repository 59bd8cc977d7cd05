import {readFileSync} from 'node:fs';
import net from 'node:net';

/** The kernel's ephemeral ports (`listen(0)` and every outgoing connection's own port come from them). */
function ephemeralRange(): {low: number; high: number} {
	try {
		const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
		if (low && high) {
			return {low, high};
		}
	} catch {}

	return {low: 32_768, high: 60_999};
}

async function bindable(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => {
			server.close(() => resolve(true));
		});
	});
}

/**
 * A loopback port nothing listens on, for a server a test starts (and stops and starts again) on it
 * later. It lies outside the kernel's ephemeral range, so while nothing listens there it stays free:
 * a port from that range, closed again, was taken meanwhile by another test's `listen(0)` or by an
 * outgoing connection's own port (a client retrying the closed port itself could even be handed it and
 * connect to itself), and the server's start then failed with EADDRINUSE.
 */
export async function freePort(): Promise<number> {
	const {low, high} = ephemeralRange();
	// Below the range if there is room (it is usually 32768–60999), else above it.
	const [from, to] = low > 11_000 ? [10_000, low - 1] : [high + 1, 65_535];
	for (let attempt = 0; attempt < 50; attempt++) {
		const port = from + Math.floor(Math.random() * (to - from + 1));
		if (await bindable(port)) {
			return port;
		}
	}

	throw new Error(`no free port between ${from} and ${to}`);
}
