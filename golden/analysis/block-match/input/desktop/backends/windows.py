from desktop.app import App


class Backend:
    toolkit = "win32"

    def __init__(self, app: App):
        self.app = app
