from ui import views, widgets

print(widgets.Widget({"a": 1}).preview()[0].widget.data)
