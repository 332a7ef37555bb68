import codecs
import os

with open("i18n/messages.py", "rb") as handle:
    data = handle.read()
text = data.decode("utf-8-sig")
print("BOM:", data.startswith(codecs.BOM_UTF8), "count:", data.count(codecs.BOM_UTF8))
print(*(ascii(line) for line in text.splitlines() if line.startswith("GREETINGS")))

import i18n.catalog
import i18n.messages

for lang in ("de_DE.UTF-8", "fr_FR.UTF-8", "ja_JP.UTF-8", "C"):
    os.environ["LANG"] = lang
    print(lang, ascii(i18n.messages.greeting()), ascii(i18n.catalog.WELCOME.render()))
