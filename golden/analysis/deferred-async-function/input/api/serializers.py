from api.client import ApiClient


class ProfileSerializer:
    client_class = ApiClient

    def __init__(self, payload):
        self.data = dict(payload)
