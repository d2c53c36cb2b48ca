import sys

from runstrong_gui.app.cli import main

sys.exit(main())
