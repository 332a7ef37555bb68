"""Form fields."""


class Field:
    def __init__(self, name):
        self.name = name


from forms.validators import Validator  # noqa: E402  (Validator needs Field)


class RequiredField(Field, Validator):
    def clean(self, value):
        if not self.validate(value):
            raise ValueError(f"{self.name} is required")
        return value.strip()
