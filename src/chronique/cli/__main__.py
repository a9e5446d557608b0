"""``python -m chronique.cli``: the ``chronique`` command."""
import sys

from chronique.cli import main

sys.exit(main())
