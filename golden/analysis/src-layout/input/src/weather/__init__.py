"""Weather forecasts from station data."""
