"""Form classes."""
from app.views import csrf_token


class LoginForm:
    def __init__(self, data, token):
        self.data = data
        self.token = token

    @staticmethod
    def token_for(request):
        return csrf_token(request)
