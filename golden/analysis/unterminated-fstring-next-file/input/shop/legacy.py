"""Old report helpers, half rewritten."""


def banner(title):
    width = len(title) + 4
    return "=" * width


def footer(count):
    return f"""{count} orders
