"""`python -m interlink` is the `interlink` command."""

from interlink.cli.main import main

main()
