from pipeline.fetch import fetch


class Report:
    def refetch(self, url):
        return fetch(url)
