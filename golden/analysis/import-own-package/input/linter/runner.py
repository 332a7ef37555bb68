import linter
import linter.rules


def run(source):
    problems = []
    for rule in linter.rules.ALL_RULES:
        problems.extend(rule(source))
    return problems


def describe():
    return f"{linter.__name__}: {len(linter.rules.ALL_RULES)} rules"
