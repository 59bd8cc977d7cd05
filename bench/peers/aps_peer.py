"""APScheduler 3 BackgroundScheduler: N jobs on a per-second cron trigger. Prints samples as JSON."""
import json
import sys
import time

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

jobs, seconds = int(sys.argv[1]), int(sys.argv[2])
samples = []


def fire(job):
    now = time.time()
    second = int(now)
    samples.append({"job": job, "second": second, "latenessMs": (now - second) * 1000})


scheduler = BackgroundScheduler(executors={"default": {"type": "threadpool", "max_workers": 20}},
                                job_defaults={"misfire_grace_time": 30, "coalesce": False, "max_instances": 3})
for job in range(jobs):
    scheduler.add_job(fire, CronTrigger(second="*"), args=[job])
scheduler.start()
time.sleep(seconds)
scheduler.shutdown(wait=False)
sys.stdout.write(json.dumps(samples))
