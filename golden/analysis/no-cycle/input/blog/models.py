from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Post:
    title: str
    body: str
    published: datetime = field(default_factory=datetime.now)
