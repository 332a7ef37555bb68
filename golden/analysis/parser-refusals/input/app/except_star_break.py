for attempt in range(3):
    try:
        pass
    except* OSError:
        break
