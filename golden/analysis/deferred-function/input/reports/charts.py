"""Chart helpers for report pages."""


def bar_chart(values):
    from reports.builder import ReportBuilder

    builder = ReportBuilder(title="Bar chart")
    for label, value in values.items():
        builder.add_row(label, "#" * value)
    return builder
