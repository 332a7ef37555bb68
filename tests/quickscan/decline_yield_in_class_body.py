import os


class C:
    x = yield os
