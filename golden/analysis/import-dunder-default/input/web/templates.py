import string

from web.views import render


class Engine:
    def render(self, template, context):
        return string.Template(template).safe_substitute(context)


ENGINE = Engine()
ERROR_PAGE = render.__name__ + ":error.html"
