from media.image import Image


def make_thumbnail(image: Image, size):
    return f"{image.path}@{size}px"
