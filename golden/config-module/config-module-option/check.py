import os

import app.catalog
import app.pricing
import app.settings
import app.settings.generated

tea = app.catalog.Product("tea", 4.0)
print(tea.gross_price(), tea.gross_price(0.09), app.pricing.total([tea, app.pricing.GIFT_CARD]))
print(app.pricing.VAT_RATE, app.settings.generated.VAT_RATE, app.catalog.Product.gross_price.__defaults__)
print(app.settings.DEBUG, app.settings.LANGUAGE, os.path.exists("app/config.py"))
