DEBUG = False
LANGUAGE = "en"
