import csv
import io

from plugins import register


@register("csv")
class CsvExporter:
    def export(self, rows):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return buffer.getvalue()
