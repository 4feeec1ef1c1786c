"""``python -m rota.cli``: the same as the ``rota`` console script."""

from . import main

main()
