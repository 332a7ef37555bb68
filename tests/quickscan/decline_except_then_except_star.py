try:
    pass
except TypeError:
    pass
except* ValueError as eg:
    pass
