# An f-string field with a binary "~" (a syntax error; found by fuzz/facts):
# "~" only starts an operand.
class Session:
    def describe(self):
        return f"{self.base_url} ({self~timeout}s)"
