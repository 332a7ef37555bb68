import asyncio

from messaging.channels import Channel


class Outbox:
    def __init__(self):
        self.sent = []

    def send(self, channel_name, text):
        channel = Channel.named(channel_name)
        self.sent.append(channel.format(text))
        return self.sent[-1]


async def broadcast(outbox, text, channel_names):
    channels = [Channel.named(name) for name in channel_names]
    await asyncio.sleep(0)
    return [outbox.send(channel.name, text) for channel in channels]
