/**
 * A channel URL's `user:password@` as the `Authorization: Basic` header fetch will not make of it:
 * fetch refuses a URL with credentials ("Request cannot be constructed from a URL that includes
 * credentials"), so a receiver or relay behind basic auth (`https://ops:…@hooks.example/sage`), which
 * validate and curl take, was never reached. A URL without them is given back as it is.
 */
export function splitCredentials(url: string): {url: string; headers: Record<string, string>} {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return {url, headers: {}};
	}

	if (parsed.username === '' && parsed.password === '') {
		return {url, headers: {}};
	}

	const credentials = `${decodedPart(parsed.username)}:${decodedPart(parsed.password)}`;
	parsed.username = '';
	parsed.password = '';
	return {url: parsed.href, headers: {authorization: `Basic ${Buffer.from(credentials).toString('base64')}`}};
}

/** A URL's user or password as typed before its %-encoding (`p%40ss` is `p@ss`); one that is not valid %-encoding as it is. */
export function decodedPart(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		return part;
	}
}
