class Article:
    title = ""
    published_at = None

    class Meta:
        from cms.permissions import EDITOR, PUBLISHER

        ordering = ["-published_at"]
        permissions = [EDITOR, PUBLISHER]
