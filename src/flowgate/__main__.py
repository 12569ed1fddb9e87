"""`python -m flowgate` only calls the CLI."""

from flowgate.cli import main

main()
