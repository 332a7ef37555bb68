from shop.catalogue import (
    crème_brûlée,
    café_au_lait,
    pâte_à_choux,
    tarte_tatin,
)
from shop.catalogue import Item


class Price(Item):
    pass


def menu():
    return [crème_brûlée, café_au_lait, pâte_à_choux, tarte_tatin]
