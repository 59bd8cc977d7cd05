import type {Redis} from 'ioredis';

/**
 * Redis's `maxmemory-policy`: anything but `noeviction` lets Redis drop queued runs and their results
 * when memory runs short. Read from INFO (CONFIG is often disabled on managed Redis); undefined when
 * it cannot be read.
 */
export async function evictionPolicy(client: Redis): Promise<string | undefined> {
	try {
		const info = await client.info('memory');
		return /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
	} catch {
		return undefined;
	}
}
