from shop.prices import Price

crème_brûlée = café_au_lait = pâte_à_choux = tarte_tatin = 1


class Item:
    pass


def price_of(item):
    return Price()
