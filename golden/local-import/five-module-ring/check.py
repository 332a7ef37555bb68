from pipeline.fetch import fetch
from pipeline.report import Report

print(fetch("HTTP://Example.COM"))
print(Report().refetch("Again"))
