import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
CONTENT = ROOT / "content"


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of the small fixture content."""
    dest = tmp_path / "content"
    shutil.copytree(MINI, dest)
    return dest


@pytest.fixture(scope="session")
def shipped_builds(tmp_path_factory):
    """The three shipped level editions, built once per test session."""
    from guide.build import build

    out = tmp_path_factory.mktemp("shipped")
    return {name: build(CONTENT, name, output=str(out / f"{name}.pdf")) for name in ("middle", "high", "college")}
