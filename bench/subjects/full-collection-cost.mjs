// What a full collection made by the job workers' old-garbage collector (src/threads/old-garbage.ts)
// costs the thread it runs on, by how much that thread holds: builds up live quotes to 20, 50, 100 and
// 200 MB of heap and times gc() at each. Usage: node --max-semi-space-size=2 bench/subjects/full-collection-cost.mjs
const {exposedGc} = await import('../../dist/threads/exposed-gc.js');
const collect = exposedGc();
const quotes = [];
for (const megabytes of [20, 50, 100, 200]) {
	while (process.memoryUsage().heapUsed < megabytes * 1_048_576) {
		quotes.push({symbol: `60${quotes.length}`, price: quotes.length / 100, at: Date.now()});
	}

	const started = performance.now();
	collect();
	console.log(JSON.stringify({held_mb: megabytes, objects: quotes.length, full_collection_ms: Number((performance.now() - started).toFixed(1))}));
}
