from pipeline.clean import Cleaner


class Parser(Cleaner):
    def parse(self, text):
        return self.clean(text.strip("<>"))
