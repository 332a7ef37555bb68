from weather.stations import Station


class Forecast:
    def __init__(self, station: Station, days=3):
        self.station = station
        self.days = days

    def summary(self):
        return f"{self.days}-day forecast for {self.station.name}"
