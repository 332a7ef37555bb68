from cms.models import Article

EDITOR = ("edit_article", "Can edit articles")
PUBLISHER = ("publish_article", "Can publish articles")


def can_publish(user, article: Article):
    return PUBLISHER[0] in user.permissions
