"""`python -m survey …` is the same as the `mitsprache` command."""

from .cli import main

main()
