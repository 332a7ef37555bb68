from billing.currency import round_money

VAT_RATES = {"DE": 0.19, "FR": 0.20, "NL": 0.21}


def vat_for(country, amount):
    return round_money(amount * VAT_RATES.get(country, 0.0))
