"""Built-in rules, one module per rule, installed as `stylelint.rules` (see setup.cfg)."""
