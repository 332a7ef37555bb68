import blog.authors
import blog.posts
import blog.config
import blog._decycle_config

print(blog.posts.Post("Hello").heading(), blog.posts.Post("Tides", blog.authors.Author("Ada")).heading())
print(blog.authors.Author.headline_limit, blog.posts.MAX_TITLE_LENGTH, blog._decycle_config.MAX_TITLE_LENGTH)
print(sorted(name for name in vars(blog.config) if name.isupper()), blog.config.POSTS_PER_PAGE, blog.config.DEBUG)
try:
    blog.posts.Post("x" * 81)
except ValueError as exc:
    print("ValueError:", exc)
