import shutil

from ..common import helpers


def purge(path):
    helpers.log(f"removing {path}")
    shutil.rmtree(path, ignore_errors=True)
