"""AppTest entry point: runs app.py so its sidebar and navigation exist in every test rerun."""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parent.parent / "app.py"), run_name="__main__")
