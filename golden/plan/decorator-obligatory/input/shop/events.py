from shop.notifications import notify_admins

_handlers = {}


def on(event_name):
    def register(handler):
        _handlers.setdefault(event_name, []).append(handler)
        return handler

    return register


def emit(event_name, payload):
    handlers = _handlers.get(event_name)
    if not handlers:
        return [notify_admins(f"unhandled event {event_name}")]
    return [handler(payload) for handler in handlers]


def replay(log):
    if not log:
        notify_admins("nothing to replay")
    return [emit(name, payload) for name, payload in log]
