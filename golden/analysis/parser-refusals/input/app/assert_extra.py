def check(total):
    assert total >= 0, "negative", total
