/**
 * The HTTP API speaks plain HTTP: beyond loopback (where it listens only with a token), every request's
 * bearer token, and the runs, logs and results it answers, cross the network in clear text; whoever
 * sees the traffic can replay a control token. Said once when the API listens and by `validate`;
 * nothing is refused (a private network or a TLS proxy on another machine may be meant).
 */
import {isLoopback, splitListen} from '../config/listen-address.js';

/** The warning for an API listening on `listen` (`host:port`), or undefined on loopback. */
export function cleartextApiWarning(listen: string): string | undefined {
	if (isLoopback(splitListen(listen).host)) {
		return undefined;
	}

	return `the HTTP API listens on ${listen}, beyond loopback, over plain HTTP: its bearer tokens cross the network in clear text, and anyone who sees the traffic can reuse them; to avoid it, listen on 127.0.0.1 and reach it through a TLS-terminating reverse proxy (nginx, Caddy) on this machine, an SSH tunnel or a VPN (WireGuard)`;
}
