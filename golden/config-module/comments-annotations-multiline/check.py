import api.client
import api.session

session = api.session.Session("https://example.invalid")
print(session.describe(), session.should_retry(503), session.should_retry(404))
print(api.session.TIMEOUT, api.client.Client.__init__.__defaults__, api.session.RETRY_CODES)
print(sorted(api.session.HEADERS.items()))
print(repr(api.session.BANNER), repr(api.client.GREETING))
print(api.client.Client.headers is api.session.HEADERS, api.client.Client.retry_codes is api.session.RETRY_CODES)
print(api.client.BANNER is api.session.BANNER, type(api.session.TIMEOUT).__name__, api.client.Client("http://localhost", 10).timeout)
