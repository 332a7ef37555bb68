from app.customers import Customer


def order_for(name):
     	    	if name:
        	    return Order(Customer(name))


class Order:
    def __init__(self, customer):
        self.customer = customer
