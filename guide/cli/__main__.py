"""`python -m guide.cli`, as the `guide` command."""
from . import main

main(prog_name="guide")
