/**
 * A service script (feed.sh) whose output outgrows a 2 KiB log_max_size on cue, for following a run
 * across a rotation: each start counts its session n (in ./count, so run it with cwd in the root), writes
 * `session n: loading`, then, once ./grow exists, 40 bulk lines (rotatingFeedBulk), then, once ./more
 * exists, `session n: after rotation`, and stays up.
 */
export const rotatingFeedScript = `#!/bin/sh
n=$(cat count 2>/dev/null || echo 0)
n=$((n+1))
echo $n > count
echo "session $n: loading"
while [ ! -f grow ]; do sleep 0.2; done
i=1
while [ $i -le 40 ]; do echo "session $n: bulk line $i ${'.'.repeat(60)}"; i=$((i+1)); done
while [ ! -f more ]; do sleep 0.2; done
echo "session $n: after rotation"
while :; do sleep 1; done
`;

/** The 40 bulk lines rotatingFeedScript writes in session `session`. */
export function rotatingFeedBulk(session: number): string[] {
	return Array.from({length: 40}, (_, index) => `session ${session}: bulk line ${index + 1} ${'.'.repeat(60)}`);
}
