"""Validators."""


class Validator:
    def validate(self, value):
        return bool(value and value.strip())


from forms.fields import Field  # noqa: E402  (Field needs Validator)


class FieldValidator(Validator):
    applies_to = Field

    def check(self, field, value):
        return isinstance(field, self.applies_to) and self.validate(value)
