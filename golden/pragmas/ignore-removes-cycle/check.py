from app import registry

print(registry.run("upper", "ok"))
