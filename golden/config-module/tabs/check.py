import os

for name in sorted(os.listdir("widgets")):
    if name.endswith(".py"):
        with open(os.path.join("widgets", name), "rb") as handle:
            lines = handle.read().split(b"\n")
        assert not any(line.startswith(b" ") for line in lines), f"{name} has a space-indented line"

import widgets.button
import widgets.theme

print(widgets.theme.PREVIEW.render(), widgets.button.Button("OK").render(widgets.theme.DARK))
print(widgets.theme.Theme.padding, widgets.button.Button.padding, widgets.theme.Theme.border)
