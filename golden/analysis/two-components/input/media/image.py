from media.thumbnail import make_thumbnail


class Image:
    def __init__(self, path):
        self.path = path
        self.thumbnail = make_thumbnail(self, size=64)
