# paint.colors defines Color before it imports paint.brushes, so the project
# runs when paint.colors is imported first.
import paint.colors
import paint.brushes

print(paint.colors.DEFAULT_BRUSH.describe(), paint.brushes.Brush("flat", 8, paint.colors.Color.BLUE).describe())
print(paint.brushes.Brush.default_color is paint.colors.Color.RED, type(paint.brushes.Brush.default_color).__name__)
