import type {JobContext} from 'sage-console/job-api';

/** What config/jobs.yaml hands this job as `ctx.params`. */
type Params = {
	greeting: string;
	names: string[];
};

/**
 * A first job: greets each name in its log. `sage-console run hello` runs it now, and
 * `sage-console logs RUN_ID` shows what it wrote; what it returns is kept in history as the run's result.
 */
export default async function hello(ctx: JobContext<Params>) {
	const {greeting, names} = ctx.params;
	for (const [index, name] of names.entries()) {
		if (ctx.signal.aborted) {
			return {greeted: index};
		}

		ctx.log.info({name}, `${greeting}, ${name}`);
		ctx.progress((index + 1) / names.length, name);
	}

	return {greeted: names.length};
}
