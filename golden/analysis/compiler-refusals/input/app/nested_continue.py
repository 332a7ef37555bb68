import os

while os.environ:
    def retry():
        continue
