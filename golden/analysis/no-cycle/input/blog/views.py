from blog.forms import PostForm
from blog.models import Post

POSTS: list[Post] = []


def create_post(request):
    post = PostForm(request.form).save()
    POSTS.append(post)
    return post


def list_posts(request):
    return sorted(POSTS, key=lambda post: post.published, reverse=True)
