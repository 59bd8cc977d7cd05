import type {JobContext} from '../../src/job-api.js';

class FeedError extends Error {
	override name = 'FeedError';
}

function parseHeadlines(body: string): string[] {
	if (!body.startsWith('[')) {
		throw new FeedError(`news feed answered with HTML instead of JSON: ${body.slice(0, 24)}…`);
	}

	return JSON.parse(body) as string[];
}

/** Fails two times out of three, with a real stack trace: the failures panel has something to show. */
export default async function run(ctx: JobContext) {
	ctx.progress(0.3, 'fetching headlines');
	await new Promise(resolve => setTimeout(resolve, 300));
	const body = Math.random() < 0.67 ? '<html>502 Bad Gateway</html>' : '["平安银行发布季报"]';
	const headlines = parseHeadlines(body);
	ctx.log.info({count: headlines.length}, 'headlines stored');
	return {headlines: headlines.length};
}
