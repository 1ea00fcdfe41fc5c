"""What the page offers beside Download PDF, made from a build's settings when first asked for.

Each is the same bytes the command line writes for the saved edition (the tests compare them):
the answer key `guide build NAME` writes beside the PDF when answers are separate, the handouts of
`guide handouts NAME` as one zip (the folder `NAME/` with its `NN-section.pdf` files), and the booklet
`guide build NAME --booklet` writes (offered when the edition is not a booklet already: then the PDF is one).
"""
from __future__ import annotations

import io
import zipfile

KINDS = ("answers", "handouts", "booklet")


def offered(build) -> list[str]:
    """The downloads that apply to a whole build."""
    out = ["answers"] if build.answers == "separate" else []
    out.append("handouts")
    if not build.booklet:
        out.append("booklet")
    return out


def filename(kind: str, name: str) -> str:
    return {"answers": f"{name}-answers.pdf", "handouts": f"{name}-handouts.zip",
            "booklet": f"{name}.pdf"}[kind]


def make(studio, build, kind: str) -> bytes:
    if kind not in offered(build):
        raise KeyError(kind)
    if kind not in build.downloads:
        with studio.lock:
            build.downloads[kind] = {"answers": answer_key, "handouts": handouts_zip,
                                     "booklet": booklet}[kind](studio, build)
    return build.downloads[kind]


def answer_key(studio, build) -> bytes:
    """The separate teacher's copy: the second file `guide build` writes (`build.render`), made alone."""
    from ..build import look_and_layout
    from ..plan import answers_plan
    from ..resolve import resolve
    from ..typeset import typeset

    selection, _ = studio.selection(build.name, build.settings)
    theme, page = look_and_layout(selection)
    return typeset(answers_plan(resolve(selection), page), theme, tagged=True).pdf


def booklet(studio, build) -> bytes:
    from ..build import render

    selection, _ = studio.selection(build.name, build.settings, booklet=True)
    return render(selection, first_only=True)[0][1]


def handouts_zip(studio, build) -> bytes:
    """`guide handouts NAME`: one worksheet per section (and its answer sheet), numbered in the edition's order."""
    from ..build import render
    from ..select import narrow

    whole, _ = studio.selection(build.name, build.settings, two_sided=False, booklet=False)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for number, sid in enumerate(whole.sections, 1):
            for plan, pdf, _, _ in render(narrow(whole, [sid]), True, handout=True):
                name = f"{build.name}/{number:02d}-{sid}{plan.suffix}.pdf"
                z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), pdf)
    return out.getvalue()
