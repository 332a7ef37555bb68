header = ("name"
          b"value"
)
