"""A built engine kept on disk, so a one-shot `ask` skips reading YAML and indexing phrasings.

The key covers every file of the pack and of the engine's own code (path, size, modification
time): change any of them and the cache is rebuilt. The cache lives in the user's cache folder
($USGPKO_CACHE_DIR, else $XDG_CACHE_HOME/usgpko-bot, else ~/.cache/usgpko-bot); when that cannot
be written the engine is simply built every time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from knowledge.engine import Engine
from knowledge.loader import DEFAULT_PACK, load_pack

_CODE = Path(__file__).resolve().parent
FORMAT = 1


def cache_dir() -> Path:
    if os.environ.get("USGPKO_CACHE_DIR"):
        return Path(os.environ["USGPKO_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "usgpko-bot"


def _key(pack_dir: Path) -> str:
    h = hashlib.sha256(f"format {FORMAT} {pack_dir.resolve()}".encode())
    files = sorted(p for p in pack_dir.rglob("*") if p.is_file())
    files += sorted(_CODE.glob("*.py")) + sorted(_CODE.glob("*.json"))
    for p in files:
        st = p.stat()
        h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:32]


def load_engine(pack_dir: str | Path | None = None, use_cache: bool = True) -> Engine:
    """The engine for a pack, from the cache when it is fresh. Raises PackError like load_pack."""
    root = Path(pack_dir) if pack_dir else DEFAULT_PACK
    if not use_cache or os.environ.get("USGPKO_NO_CACHE") or not root.is_dir():
        return Engine(load_pack(root))
    path = cache_dir() / f"engine-{_key(root)}.pickle"
    try:
        with open(path, "rb") as fh:
            engine = pickle.load(fh)
        if isinstance(engine, Engine):
            return engine
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    engine = Engine(load_pack(root))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(engine, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob("engine-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return engine
