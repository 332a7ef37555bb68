from app.views import render


class Model:
    def show(self):
        return render(self)
