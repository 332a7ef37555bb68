import registry.cleanup

registry.default_backend = "memory"
