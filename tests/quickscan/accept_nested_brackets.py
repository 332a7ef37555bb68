"""Brackets nested deeper than the scanner's first frames: each push may move them."""
x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
y = (((((((((((((((((((([a for a in {{{{{{{{{{1}}}}}}}}}}]))))))))))))))))))))
