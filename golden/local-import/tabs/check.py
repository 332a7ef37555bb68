with open("widgets/button.py", "rb") as handle:
    lines = handle.read().split(b"\n")
print("space-indented lines:", sum(1 for line in lines if line.startswith(b" ")))

import widgets.button
import widgets.theme

print(widgets.button.Button("OK").render(), widgets.theme.PREVIEW.render("dark"))
print(sorted(widgets.theme.Theme.themes))
