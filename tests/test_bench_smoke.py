"""The benchmark's generated content is valid (correctness only; the benchmark itself never runs in pytest)."""
import sys
from pathlib import Path

from guide.errors import Problems
from guide.validate import load_guide

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bench import multiply  # noqa: E402


def test_multiplied_content_is_valid(tmp_path):
    content = multiply(2, tmp_path)     # one copy renames every id as the benchmark's ×16 does, in half the time
    problems = Problems()
    guide = load_guide(content, problems)
    assert not problems.errors, [str(p) for p in problems.errors[:5]]
    assert len(guide.sections) == 2 * 7 and len(guide.order) == 14
