"""One section's pages laid out alone, untagged: the studio's quick first look at the section that changed.

Links to parts that are not laid out here (glossary, notes) point at the last page, so the PDF is valid."""
from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.platypus import Flowable

from .fonts import font_for
from .parts import story
from .reportlab_patches import installed as reportlab_patched
from .template import GuideDoc


class _Unresolved(Flowable):
    """Last in the story: every destination still unplaced is placed on the last page."""

    _ZEROSIZE = 1

    def wrap(self, aw, ah):
        return (0, 0)

    def draw(self):
        canv = self.canv
        for name, dest in list(canv._destinations.items()):
            if dest.fmt is None:
                canv.bookmarkPage(name)


def typeset_alone(plan, theme) -> tuple[bytes, int]:
    """Draw a plan holding one section part, untagged: PDF bytes and page count."""
    document = plan.document
    rl_config.useA85 = 0
    out = io.BytesIO()
    template = GuideDoc(out, theme, plan.layout, plan.footer_fields, handout=True, tagger=None,
                        link_labels=plan.link_labels, title=document.title, creator="guide", lang="en",
                        initialFontName=font_for(theme, theme.text_family), initialFontSize=theme.body_size)
    with reportlab_patched():
        template.build(story(plan, theme) + [_Unresolved()])
    return out.getvalue(), template.page
