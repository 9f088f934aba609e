"""`python -m stylelint`: the CLI, for users who also have the CSS linter of the same name."""

from __future__ import annotations

from stylelint.cli import main

if __name__ == "__main__":
    main()
