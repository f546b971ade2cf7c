import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Text output must not depend on the terminal or the CI environment.
os.environ.pop("GITHUB_ACTIONS", None)
