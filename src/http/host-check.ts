/**
 * The Host header check against DNS rebinding: a page on evil.example whose name is made to resolve to
 * 127.0.0.1 reaches the API from the operator's browser, but its requests still say `Host:
 * evil.example`. Only the listen address, loopback names on the listen port and the configured
 * `allowed_hosts` are served.
 */
export function allowedHosts(listenHost: string, port: number, extra: readonly string[]): Set<string> {
	const names = new Set([listenHost, 'localhost', '127.0.0.1', '[::1]', ...extra].map(name => name.toLowerCase()));
	const proxied = new Set(extra.map(name => name.toLowerCase()));
	const hosts = new Set<string>();
	for (const name of names) {
		const bracketed = name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
		hosts.add(`${bracketed}:${port}`);
		// An allowed_hosts entry is a Host value as it comes: a reverse proxy's name alone (nginx's `$host`
		// carries no port), or with the proxy's own port.
		if (port === 80 || proxied.has(name)) {
			hosts.add(bracketed);
		}

		if (/:\d+$/.test(name) && !name.endsWith(']')) {
			hosts.add(name);
		}
	}

	return hosts;
}

export function hostAllowed(header: string | undefined, allowed: ReadonlySet<string>): boolean {
	return header !== undefined && allowed.has(header.toLowerCase());
}
