"""``python -m filmlog``."""

from filmlog.cli import main

main()
