import forms.fields
import forms.validators

email = forms.fields.RequiredField("email")
print(email.clean("  ada@example.com "), [c.__name__ for c in type(email).__mro__])
print(forms.validators.FieldValidator().check(email, "x"), forms.validators.FieldValidator.applies_to.__name__)
try:
    email.clean("   ")
except ValueError as exc:
    print("ValueError:", exc)
