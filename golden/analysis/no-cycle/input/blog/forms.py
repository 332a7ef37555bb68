from blog.models import Post


class PostForm:
    def __init__(self, data):
        self.data = data

    def save(self):
        return Post(title=self.data["title"], body=self.data["body"])
