def area(*, **options):
    pass
