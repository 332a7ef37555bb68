from weather.forecast import Forecast


class Station:
    def __init__(self, name, lat, lon):
        self.name = name
        self.lat, self.lon = lat, lon

    def forecast(self, days=3):
        return Forecast(self, days)
