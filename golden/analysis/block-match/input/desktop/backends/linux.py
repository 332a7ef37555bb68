from desktop.app import App


class Backend:
    toolkit = "gtk"

    def __init__(self, app: App):
        self.app = app
