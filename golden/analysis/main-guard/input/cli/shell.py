from cli import prompt

if "__main__" == __name__:
    pass
else:
    from cli import history
