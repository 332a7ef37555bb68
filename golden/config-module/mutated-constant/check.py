# net.client defines RETRIES before it imports net.backoff, so the project
# runs when net.client is imported first.
import net.client
import net.backoff
import net.tuning

print(net.client.fetch("/status"), net.client.RETRIES)
print(net.tuning.aggressive_retries(), net.client.RETRIES, net.backoff.RETRIES, net.backoff.Backoff(1).attempts)
