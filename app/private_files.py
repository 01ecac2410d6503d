"""Files that hold the portal's data (the SQLite database, backups) are readable by its own user only.

A file is created 0600 (or tightened to it); a folder this code creates is 0700, and so is
the default data folder. Folders someone else made (say /tmp) are left alone.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.settings import PROJECT_ROOT

DATA_FOLDER = PROJECT_ROOT / "data"


def private_folder(folder: Path) -> None:
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True)
        folder.chmod(0o700)  # mkdir's mode is reduced by the umask
    elif folder.resolve() == DATA_FOLDER.resolve():
        folder.chmod(0o700)


def private_file(path: Path) -> Path:
    """Make sure ``path`` exists as a file only its owner can read and write, before anything writes to it."""
    private_folder(path.parent)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    path.chmod(0o600)
    return path
