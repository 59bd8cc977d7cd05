/**
 * Which methods each path of the API takes, gathered as routes are added, so a request whose path is
 * known but whose method is not gets `405` with the methods that path takes, not a `404`.
 */
import type {FastifyInstance} from 'fastify';

type RoutePattern = {pattern: string; match: RegExp; methods: Set<string>};

/** `/v1/jobs/:id/run` → a RegExp matching `/v1/jobs/anything/run`. */
function patternRegExp(pattern: string): RegExp {
	const source = pattern.split('/').map(part => {
		if (part.startsWith(':')) {
			return '[^/]+';
		}

		return part === '*' ? '.*' : part.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
	}).join('/');
	return new RegExp(`^${source}/?$`);
}

export class RouteMethods {
	private readonly routes = new Map<string, RoutePattern>();

	/** Listens for the routes `app` is given from now on. */
	watch(app: FastifyInstance): void {
		app.addHook('onRoute', route => {
			const methods = Array.isArray(route.method) ? route.method : [route.method];
			let known = this.routes.get(route.url);
			if (!known) {
				known = {pattern: route.url, match: patternRegExp(route.url), methods: new Set()};
				this.routes.set(route.url, known);
			}

			for (const method of methods) {
				known.methods.add(method.toUpperCase());
			}
		});
	}

	/** The methods `path` (no query) is served with, and the route's pattern; undefined for a path no route has. */
	of(path: string): {pattern: string; methods: string[]} | undefined {
		const found = [...this.routes.values()].filter(route => route.match.test(path));
		if (found.length === 0) {
			return undefined;
		}

		const methods = [...new Set(found.flatMap(route => [...route.methods]))].sort();
		return {pattern: found[0]!.pattern, methods};
	}
}
