from chat.message import Message


class Room:
    def __init__(self, name):
        self.name = name
        self.messages = []

    def post(self, author, text):
        message = Message(self, author, text)
        self.messages.append(message)
        return message
