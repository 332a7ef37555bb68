import manage

DEBUG = True
ENTRY_POINT = manage.main
