from pipeline.store import Store


class Cleaner:
    store = Store("cleaned")

    def clean(self, text):
        return self.store.keep(text.lower())
