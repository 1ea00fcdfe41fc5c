"""Links, outline entries and the contents page: each must point at the page it names (check 5)."""
from __future__ import annotations

import re
from collections import defaultdict

import pikepdf

from .report import Finding, sample_list
from .sheets import Page


def norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


class Destinations:
    """Resolves destinations (explicit arrays, names, GoTo actions) to 1-based page numbers."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.page_ids = {p.obj.objgen: i for i, p in enumerate(pdf.pages, 1)}
        self._named = None

    def named(self) -> dict:
        if self._named is None:
            out = {}
            try:
                if "/Names" in self.pdf.Root and "/Dests" in self.pdf.Root.Names:
                    for k, v in pikepdf.NameTree(self.pdf.Root.Names.Dests).items():
                        out[str(k)] = v
                if "/Dests" in self.pdf.Root:
                    for k, v in self.pdf.Root.Dests.items():
                        out[str(k).lstrip("/")] = v
            except Exception:
                pass
            self._named = out
        return self._named

    def page(self, dest, depth: int = 0) -> tuple[int | None, str]:
        """The 1-based page a destination points at, or None and why not."""
        if dest is None:
            return None, "has no destination"
        if depth > 8:
            return None, "has a destination that refers to itself"
        if isinstance(dest, (pikepdf.String, pikepdf.Name, str)):
            name = str(dest)
            named = self.named()
            key = name if name in named else name.lstrip("/")
            if key not in named:
                return None, f"points at the named destination {name!r}, which does not exist"
            return self.page(named[key], depth + 1)
        if isinstance(dest, pikepdf.Dictionary) and "/D" in dest:
            return self.page(dest.D, depth + 1)
        if not isinstance(dest, pikepdf.Array):
            return None, "points at no page"
        if not len(dest):
            return None, "has an empty destination"
        target = dest[0]
        if isinstance(target, pikepdf.Dictionary):
            if target.objgen in self.page_ids:
                return self.page_ids[target.objgen], ""
            return None, "points at an object that is not a page of this document"
        try:
            n = int(target)
        except (TypeError, ValueError):
            return None, "points at no page"
        if 0 <= n < len(self.page_ids):
            return n + 1, ""
        return None, f"points at page index {n}, which does not exist"


def check_links(pdf: pikepdf.Pdf, dests: Destinations, findings: list[Finding]) -> None:
    for i, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        broken: dict[str, list[str]] = defaultdict(list)   # why → where
        for a in annots:
            if not isinstance(a, pikepdf.Dictionary) or a.get("/Subtype") != "/Link":
                continue
            rect = a.get("/Rect")
            where = f"at ({float(rect[0]):.0f}, {float(rect[1]):.0f})" if rect is not None and len(rect) == 4 \
                else "(no rectangle)"
            if "/Dest" in a:
                dest = a.Dest
            elif "/A" in a:
                action = a.A
                if action.get("/S") != "/GoTo":
                    continue     # a web link, a link to another file, …
                dest = action.get("/D")
            else:
                broken["has neither a destination nor an action"].append(where)
                continue
            target, why = dests.page(dest)
            if target is None:
                broken[why].append(where)
        for why, places in broken.items():
            what = "a link" if len(places) == 1 else f"{len(places)} links"
            findings.append(Finding(i, "link", f"{what} {sample_list(places)}: {why}"))


def outline(pdf: pikepdf.Pdf, dests: Destinations, findings: list[Finding]) -> list[tuple[str, int]]:
    """(title, page) of every outline entry that points at a page; the others are findings."""
    out: list[tuple[str, int]] = []
    root = pdf.Root.get("/Outlines")
    if root is None:
        return out
    seen: set = set()

    def walk(item, depth):
        while isinstance(item, pikepdf.Dictionary) and depth < 64:
            key = item.objgen
            if key in seen:
                return
            seen.add(key)
            title = str(item.get("/Title", ""))
            if "/Dest" in item:
                target, why = dests.page(item.Dest)
            elif "/A" in item and item.A.get("/S") == "/GoTo":
                target, why = dests.page(item.A.get("/D"))
            elif "/A" in item:
                target, why = -1, ""     # an entry that opens a web page: no page to check
            else:
                target, why = None, "has no destination"
            if target is None:
                findings.append(Finding(None, "outline", f"the outline entry {title!r} {why}"))
            elif target > 0:
                out.append((title, target))
            if "/First" in item:
                walk(item.First, depth + 1)
            item = item.get("/Next")

    try:
        walk(root.get("/First"), 0)
    except Exception as exc:
        findings.append(Finding(None, "outline", f"the outline cannot be read ({exc})"))
    return out


def check_contents(pages: list[Page], entries: list[tuple[str, int]], findings: list[Finding]) -> None:
    page = None
    for p in pages:
        for i, ln in enumerate(p.frame):
            if norm(ln.text) == "contents":
                page, start = p, i + 1
                break
        if page:
            break
    if page is None or not entries:
        return
    by_title: dict[str, set[int]] = defaultdict(set)
    for title, number in entries:
        by_title[norm(title)].add(number)
    pending = ""
    for ln in page.frame[start:]:
        m = re.match(r"^(.*?)[\s.·…_]*?\s*(\d{1,4})$", ln.text)
        if not m or not m.group(1).strip():
            pending = (pending + " " + ln.text).strip()
            continue
        shown = int(m.group(2))
        title = (pending + " " + m.group(1)).strip().rstrip(" .·…_")
        pending = ""
        for cand in (title, re.sub(r"^[\dIVXLC]+[.):]?\s+", "", title)):
            pages_for = by_title.get(norm(cand))
            if pages_for:
                if shown not in pages_for:
                    want = " or ".join(str(n) for n in sorted(pages_for))
                    findings.append(Finding(page.sheet, "contents",
                                            f"the contents give page {shown} for {cand!r}, but it starts on "
                                            f"page {want}"))
                break
