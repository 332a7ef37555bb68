"""A command line; the match statement makes decycle read this file with tree-sitter."""
from shop import orders  # decycle: keep


def main(argv):
    match argv:
        case [_, "order", customer_id]:
            return orders.Order(int(customer_id))
        case _:
            return None
