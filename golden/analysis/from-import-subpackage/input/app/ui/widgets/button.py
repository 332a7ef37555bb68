class Button:
    def __init__(self, label):
        self.label = label

    def html(self):
        return f"<button>{self.label}</button>"
