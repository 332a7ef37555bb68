try:
    import json
except:
    json = None
except ImportError:
    json = None
