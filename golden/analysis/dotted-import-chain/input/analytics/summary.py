import storage.backends.sql

_METRICS = []


def register_metrics(source):
    _METRICS.append(source)


def build_summary():
    backend = storage.backends.sql.SqlBackend()
    return {"backend": backend.name, "metrics": list(_METRICS)}
