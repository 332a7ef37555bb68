"""Site settings: edit to taste."""

SITE_NAME = "Field Notes"
DEBUG = False
POSTS_PER_PAGE = 10
