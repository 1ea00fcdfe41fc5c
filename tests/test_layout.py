"""The layout checker over every shipped edition × paper × theme, and over handouts and booklets."""
import itertools

import pytest

from guide.build import build, handouts
from guide.checkpdf import check_pdf, format_report

from conftest import CONTENT

CASES = list(itertools.product(["middle", "high", "college"], ["letter", "a4"], ["classic", "large-print", "accessible"]))


@pytest.mark.parametrize("edition, paper, theme", CASES)
def test_editions_have_no_layout_findings(tmp_path, edition, paper, theme):
    r = build(CONTENT, edition, paper=paper, theme=theme, tagged=False, output=str(tmp_path / "e.pdf"))
    findings = check_pdf(r.path)
    assert findings == [], format_report(r.path, findings)


@pytest.mark.parametrize("edition, extra", [("high", {"two_sided": True}), ("middle", {"booklet": True}),
                                            ("college", {"booklet": True, "paper": "a4"})])
def test_two_sided_and_booklets(tmp_path, edition, extra):
    r = build(CONTENT, edition, tagged=False, output=str(tmp_path / "b.pdf"), **extra)
    findings = check_pdf(r.path)
    assert findings == [], format_report(r.path, findings)


def test_handouts_and_answer_sheets(tmp_path):
    results = handouts(CONTENT, "high", output_dir=str(tmp_path), answers="separate", tagged=False)
    for r in results:
        for path in [r.path, *r.extra]:
            findings = check_pdf(path)
            assert findings == [], format_report(path, findings)
