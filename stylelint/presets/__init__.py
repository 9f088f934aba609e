"""Built-in spec presets (`extends: [recommended]`), one YAML file each."""
