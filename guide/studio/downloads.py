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
    from ..build import layout
    from ..resolve import resolve
    from ..typeset import typeset

    selection, _ = studio.selection(build.name, build.settings)
    theme, pagesize = layout(selection)
    return typeset(resolve(selection), theme, pagesize, kind="answers", tagged=True).pdf


def booklet(studio, build) -> bytes:
    from ..build import layout
    from ..impose import impose
    from ..resolve import resolve
    from ..theme import PAPER_SIZES
    from ..typeset import typeset

    selection, _ = studio.selection(build.name, build.settings, booklet=True)
    theme, pagesize = layout(selection)
    pdf = typeset(resolve(selection), theme, pagesize, tagged=False).pdf
    return impose(pdf, PAPER_SIZES[selection.paper])[0]


def handouts_zip(studio, build) -> bytes:
    """`guide handouts NAME`: one worksheet per section (and its answer sheet), numbered in the edition's order."""
    from dataclasses import replace

    from ..build import layout
    from ..resolve import resolve
    from ..typeset import typeset

    whole, _ = studio.selection(build.name, build.settings, two_sided=False, booklet=False)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for number, sid in enumerate(whole.sections, 1):
            one = replace(whole, sections=[sid])
            document = resolve(one)
            theme, pagesize = layout(one)
            files = [(f"{number:02d}-{sid}.pdf", typeset(document, theme, pagesize, kind="handout").pdf)]
            if one.answers == "separate":
                files.append((f"{number:02d}-{sid}-answers.pdf",
                              typeset(document, theme, pagesize, kind="handout-answers").pdf))
            for name, pdf in files:
                info = zipfile.ZipInfo(f"{build.name}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
                z.writestr(info, pdf)
    return out.getvalue()
