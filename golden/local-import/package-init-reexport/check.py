import accounts
import accounts.services

ada = accounts.register("ada", "ada@example.com")
print(ada, isinstance(ada, accounts.User), accounts.services.is_user(ada), accounts.services.is_user("ada"))
print(accounts.deactivate("ada"))
try:
    accounts.register("ada", "other@example.com")
except ValueError as exc:
    print("ValueError:", exc)
print(sorted(accounts.__all__), accounts.register is accounts.services.register)
