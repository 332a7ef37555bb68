import jobs.retry
import jobs.alerts
import jobs.scheduler
import jobs.worker
import jobs.config

print(jobs.scheduler.capacity(), jobs.worker.Worker.max_jobs, jobs.scheduler.POOL[0].accept("backup"))
print(jobs.alerts.DEFAULT_POLICY.schedule(), jobs.retry.RetryPolicy.attempts, jobs.alerts.should_page(2), jobs.alerts.should_page(3))
print(sorted(name for name in vars(jobs.config) if name.isupper()), jobs.config.LIMIT, jobs._decycle_config.ALERT_AFTER)
with open("jobs/config.py", encoding="utf-8") as handle:
    print(handle.readline().rstrip())
