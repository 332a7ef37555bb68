from textproc import fast


def tokenize(text):
    return fast.split_words(text)
