from datetime import datetime, timezone

from chat.room import Room


class Message:
    def __init__(self, room: Room, author, text):
        self.room = room
        self.author = author
        self.text = text
        self.sent_at = datetime.now(timezone.utc)
