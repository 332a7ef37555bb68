from exporters.base import Exporter


class FallbackExporter(Exporter):
    name = "fallback"

    def export(self, rows):
        return "\n".join(map(str, rows))
