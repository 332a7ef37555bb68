"""A tiny stand-in for pydantic: BaseModel resolves the field annotations when a model class is created."""
import typing


class BaseModel:
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.__fields__ = typing.get_type_hints(cls)

    def __init__(self, **data):
        for name, expected in self.__fields__.items():
            value = data[name]
            if isinstance(expected, type) and not isinstance(value, expected):
                raise TypeError(f"{name}: expected {expected.__name__}, got {type(value).__name__}")
            setattr(self, name, value)
