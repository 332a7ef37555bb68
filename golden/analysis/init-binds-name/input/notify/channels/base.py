class Channel:
    name = "base"

    def send(self, message):
        return f"[{self.name}] {message}"
