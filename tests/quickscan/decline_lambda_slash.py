area = lambda /: 0
