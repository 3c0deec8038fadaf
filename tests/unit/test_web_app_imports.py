"""The web app stays small: it must not load spaCy or TensorFlow, which only the Rasa server and the
action server need. A shared helper that imported spaCy took it from 58 to 581 MB (session 24)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_web_app_loads_neither_spacy_nor_tensorflow():
    code = ("import sys, channels.webapp; "
            "print(sorted(m for m in ('spacy', 'tensorflow', 'rasa', 'thinc') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
