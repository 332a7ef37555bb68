from reports.charts import bar_chart


class ReportBuilder:
    def __init__(self, title):
        self.title = title
        self.rows = []

    def add_row(self, *cells):
        self.rows.append(cells)

    def with_chart(self, values):
        return bar_chart(values)
