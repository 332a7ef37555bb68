with open("support/tickets.py", "rb") as handle:
    print("final newline:", handle.read().endswith(b"\n"))

import support.agents
import support.tickets

ticket = support.tickets.Ticket("Printer on fire")
print(ticket.assign("ada").name, support.tickets.escalate(ticket))
print(support.tickets.escalate(support.agents.WELCOME_TICKET))
