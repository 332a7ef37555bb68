header = b"café"
