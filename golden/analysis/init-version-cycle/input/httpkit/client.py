import urllib.request

from httpkit import __version__
from httpkit.errors import HttpError

USER_AGENT = f"httpkit/{__version__}"


class Client:
    def get(self, url):
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request) as response:
                return response.read()
        except OSError as exc:
            raise HttpError(str(exc)) from exc
