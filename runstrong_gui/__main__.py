import sys

from runstrong_gui.cli import main

sys.exit(main())
