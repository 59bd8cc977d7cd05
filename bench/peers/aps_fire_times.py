"""APScheduler 3's fire times for the schedules section of the bench (bench/measure-schedules.ts).

Reads one JSON request on stdin: {"crontab": "*/5 * * * *", "zone": "America/New_York",
"from_ms": 1769904000000, "count": 80000, "never": {"month": "2", "day": "31", "zone": "Europe/London"}}.
Prints one JSON line: the fire times (epoch ms), the seconds the loop took, and the seconds
APScheduler took to answer "never" for the impossible trigger. Timed inside the process: the
interpreter's start is not counted.
"""
import datetime
import json
import sys
import time

from apscheduler.triggers.cron import CronTrigger

request = json.load(sys.stdin)
trigger = CronTrigger.from_crontab(request["crontab"], timezone=request["zone"])
now = datetime.datetime.fromtimestamp(request["from_ms"] / 1000, tz=datetime.timezone.utc)
# The first fire time must come after `from`, as the other subjects count them.
now += datetime.timedelta(microseconds=1)
times = []
previous = None
started = time.perf_counter()
for _ in range(request["count"]):
    fire = trigger.get_next_fire_time(previous, now)
    if fire is None:
        break
    times.append(round(fire.timestamp() * 1000))
    previous = fire
    now = fire + datetime.timedelta(microseconds=1)
seconds = time.perf_counter() - started

never = request["never"]
impossible = CronTrigger(month=never["month"], day=never["day"], timezone=never["zone"])
started = time.perf_counter()
answer = impossible.get_next_fire_time(None, datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc))
never_seconds = time.perf_counter() - started

print(json.dumps({"times": times, "seconds": seconds, "never": answer is None, "never_seconds": never_seconds}))
