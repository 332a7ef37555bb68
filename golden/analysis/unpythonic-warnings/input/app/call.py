import app.names

app.names.print(else)
