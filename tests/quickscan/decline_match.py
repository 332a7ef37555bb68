match command:
    case "go":
        import go
