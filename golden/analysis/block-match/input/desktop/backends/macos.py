from desktop.app import App


class Backend:
    toolkit = "cocoa"

    def __init__(self, app: App):
        self.app = app
