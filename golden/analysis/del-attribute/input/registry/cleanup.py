import registry.setup

del registry.legacy_hook
