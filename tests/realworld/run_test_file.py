"""Run one test file of a project copy with SymPy's own runner; print the outcome as JSON.

check_project.py --tests starts this in a fresh interpreter for each test file:

    python3 -B run_test_file.py PARENT PACKAGE TEST_FILE

PARENT (the folder holding the copy) goes first on sys.path, and the run stops
(exit 3) unless PACKAGE is then imported from PARENT/PACKAGE, so the copy is
tested and never the installed project. TEST_FILE runs through
sympy.testing.runtests.SymPyTests (what `sympy.test()` does, without its extra
subprocess), tests in file order, with a fixed random seed; pytest is not
needed. The last line of stdout is
    DECYCLE-RESULT {"counts": {...}, "tests": [[name, outcome], ...]}
where outcome is passed, failed, error, skipped, xfailed or xpassed.
"""
import json
import os
import sys

parent, package, test_file = sys.argv[1:4]
sys.path[0] = parent   # replaces this script's own folder
module = __import__(package)
expected = os.path.realpath(os.path.join(parent, package))
if os.path.dirname(os.path.realpath(module.__file__)) != expected:
    print(f"{package} was imported from {module.__file__}, not from the copy {expected}")
    sys.exit(3)

from sympy.testing.runtests import PyTestReporter, SymPyTests  # noqa: E402 (the copy's runner)


class Recorder(PyTestReporter):
    """PyTestReporter that prints nothing and records each test's outcome."""

    def __init__(self):
        super().__init__(colors=False)
        self.tests = []

    def write(self, *args, **kwargs):
        pass

    def record(self, outcome):
        # a failure while the file itself runs has no test function yet
        f = self._active_f
        self.tests.append([f.__name__ if f else "<module>", outcome])

    def test_pass(self, char="."):
        super().test_pass(char)
        self.record("passed")

    def test_fail(self, exc_info):
        super().test_fail(exc_info)
        self.record("failed")

    def test_exception(self, exc_info):
        super().test_exception(exc_info)
        self.record("error")

    def import_error(self, filename, exc_info):
        super().import_error(filename, exc_info)
        self.tests.append(["<import>", "error"])

    def test_skip(self, v=None):
        super().test_skip(v)
        self.record("skipped")

    def test_xfail(self):
        super().test_xfail()
        self.record("xfailed")

    def test_xpass(self, v):
        super().test_xpass(v)
        self.record("xpassed")


reporter = Recorder()
runner = SymPyTests(reporter, seed=12345)
runner._testfiles.append(os.path.normcase(os.path.abspath(test_file)))
runner.test(sort=True)   # sort=True: file order, no shuffling
counts = {}
for _, outcome in reporter.tests:
    counts[outcome] = counts.get(outcome, 0) + 1
print("DECYCLE-RESULT " + json.dumps({"counts": counts, "tests": reporter.tests}))
