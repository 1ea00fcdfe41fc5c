"""What every PDF gets before it is saved, tagged or not: link descriptions, the document language and the
XMP metadata (`finish`), and PDF text strings that any reader decodes (`text_string`)."""
from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFStream
from reportlab.pdfbase.pdfdoc import format as pdf_format

from .inline import esc as escape


def catalog_keys(catalog, *keys) -> None:
    """Let the catalog write `keys` (ReportLab writes only the keys it lists)."""
    known = {*catalog.__NoDefault__, *catalog.__Defaults__}    # (older ReportLabs list fewer keys)
    catalog.__NoDefault__ = [*catalog.__NoDefault__, *(k for k in keys if k not in known)]


def finish(canv, *, title: str, lang: str = "en", subject: str = "", author: str = "",
           link_labels: dict[str, str] | None = None, tagged: bool = True) -> None:
    """What every PDF gets before it is saved, tagged or not: a description for each link ("Glossary: NKVD",
    "Note 3 of section 2", the address of a web link), the document language and the XMP metadata (with the
    PDF/UA identification only when the PDF is tagged)."""
    from reportlab.pdfbase.pdfdoc import PDFName, PDFString

    labels = link_labels or {}
    for annotation, kind, target in getattr(canv, "_guide_annotations", ()):
        label = target if kind == "url" else (labels.get(target) or f"Link to {target}")
        if isinstance(annotation, PDFDictionary):      # canvas.linkURL makes a bare dictionary
            annotation["Contents"] = text_string(label)
        else:                                          # canvas.linkRect makes a LinkAnnotation
            annotation.Contents = text_string(label)
    catalog = canv._doc.Catalog
    catalog_keys(catalog, "Metadata", "Lang")
    catalog.Lang = PDFString(lang)
    catalog.Metadata = _PlainStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
                                    _xmp(title, lang, subject, author, ua=tagged).encode("utf-8") + b"\n")


class _PlainStream(PDFStream):
    """A stream written as it is, with no filter (XMP metadata must stay readable to any tool)."""

    def format(self, document):
        content = document.encrypt.encode(self.content)
        dictionary = PDFDictionary(dict(self.dictionary.dict, Length=len(content)))
        return pdf_format(dictionary, document) + b"\nstream\n" + content + b"endstream\n"


def _xmp(title: str, lang: str, subject: str, author: str, ua: bool = True) -> str:
    creator = f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>" if author else ""
    desc = (f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt>'
            "</dc:description>") if subject else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>\n'
        f"{creator}{desc}"
        f"<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>\n"
        "<pdf:Producer>guide (ReportLab)</pdf:Producer>\n"
        + ("<pdfuaid:part>1</pdfuaid:part>\n" if ua else "") +
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


def text_string(text: str):
    """A PDF text string any reader decodes: ASCII as it is, anything else as UTF-16BE with its byte-order
    mark (ReportLab would write PDFDocEncoding, which some readers take for UTF-8 or for UTF-16 without a
    mark, and fail on)."""
    import codecs

    from reportlab.pdfbase.pdfdoc import PDFString

    if text.isascii():
        return PDFString(text)
    return PDFString(codecs.BOM_UTF16_BE + text.encode("utf-16-be"), enc="raw")

