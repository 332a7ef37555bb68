from notify.channels import email


def dispatch(message, channel=email):
    return channel.send(message)
