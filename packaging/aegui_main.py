"""The bundle's entry script: the same ``main`` as the ``aegui`` command of a pip install."""

import multiprocessing
import sys

if __name__ == "__main__":
    # A frozen app re-runs its own executable for every process multiprocessing starts; this
    # turns those runs into workers instead of new windows. (aegui.__main__.main calls it too.)
    multiprocessing.freeze_support()
    from aegui.__main__ import main

    sys.exit(main())
