from plugins import csv_export

exporter = csv_export.CsvExporter()
