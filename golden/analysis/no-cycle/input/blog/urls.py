from blog import views

ROUTES = {
    "/posts": views.list_posts,
    "/posts/new": views.create_post,
}
