"""QTI 1.2 as Canvas imports it ("QTI .zip file" in a course's Import Course Content).

The package: `imsmanifest.xml` (IMS Content Packaging, the Common Cartridge 1.1 profile Canvas writes) and,
per section quiz, `<ident>/<ident>.xml` (a `questestinterop` holding one assessment) with its Canvas
settings in `<ident>/assessment_meta.xml`. Multiple choice: `response_lid` with one `response_label` per
option, scored by the `respcondition` that sets SCORE to 100 for the correct option; short answer:
`response_str`, scored by a `varequal` per accepted answer. Feedback: per option, and general. Every
element's text is set through ElementTree, which escapes it; HTML in `mattext` is built from the parsed spans.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..document import DocQuizItem, Document
from .common import stable_id, to_html
from .quiz import LETTERS, SectionQuiz, quiz_title

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
MD_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, "  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def assessment_ident(doc: Document, quiz: SectionQuiz) -> str:
    return "g" + stable_id("guide-qti", doc.edition, doc.level, quiz.section.id)


def qti_files(doc: Document, found: list[SectionQuiz]) -> list[tuple[str, bytes]]:
    files: list[tuple[str, bytes]] = []
    resources = []
    for quiz in found:
        ident = assessment_ident(doc, quiz)
        meta = f"{ident}/assessment_meta.xml"
        files.append((f"{ident}/{ident}.xml", assessment(doc, quiz, ident)))
        files.append((meta, assessment_meta(doc, quiz, ident)))
        resources.append((ident, f"{ident}/{ident}.xml", meta))
    return [("imsmanifest.xml", manifest(doc, resources))] + files


def manifest(doc: Document, resources: list[tuple[str, str, str]]) -> bytes:
    ET.register_namespace("", CP_NS)
    ET.register_namespace("imsmd", MD_NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{CP_NS}}}manifest", {
        "identifier": "g" + stable_id("guide-qti-manifest", doc.edition, doc.level),
        f"{{{XSI}}}schemaLocation": f"{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
                                    f"{MD_NS} http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd"})
    meta = sub(root, f"{{{CP_NS}}}metadata")
    sub(meta, f"{{{CP_NS}}}schema", "IMS Content")
    sub(meta, f"{{{CP_NS}}}schemaversion", "1.1.3")
    lom = sub(meta, f"{{{MD_NS}}}lom")
    title = sub(sub(lom, f"{{{MD_NS}}}general"), f"{{{MD_NS}}}title")
    sub(title, f"{{{MD_NS}}}string", f"{doc.title} ({doc.level_label}): quizzes")
    sub(root, f"{{{CP_NS}}}organizations")
    res = sub(root, f"{{{CP_NS}}}resources")
    for ident, href, meta_href in resources:
        r = sub(res, f"{{{CP_NS}}}resource", identifier=ident, type="imsqti_xmlv1p2")
        sub(r, f"{{{CP_NS}}}file", href=href)
        sub(r, f"{{{CP_NS}}}dependency", identifierref=f"{ident}-meta")
        m = sub(res, f"{{{CP_NS}}}resource", identifier=f"{ident}-meta",
                type="associatedcontent/imscc_xmlv1p1/learning-application-resource", href=meta_href)
        sub(m, f"{{{CP_NS}}}file", href=meta_href)
    return _xml(root)


def assessment_meta(doc: Document, quiz: SectionQuiz, ident: str) -> bytes:
    ET.register_namespace("", CANVAS_NS)
    q = lambda tag: f"{{{CANVAS_NS}}}{tag}"    # noqa: E731
    root = ET.Element(q("quiz"), {"identifier": ident})
    sub(root, q("title"), quiz_title(doc, quiz))
    sub(root, q("description"), f"<p>{to_html(quiz.section.key_question)}</p>" if quiz.section.key_question else "")
    for tag, value in (("shuffle_answers", "false"), ("scoring_policy", "keep_highest"), ("quiz_type", "assignment"),
                       ("points_possible", f"{len(quiz.items)}.0"), ("allowed_attempts", "1"),
                       ("show_correct_answers", "true"), ("available", "false")):
        sub(root, q(tag), value)
    return _xml(root)


def assessment(doc: Document, quiz: SectionQuiz, ident: str) -> bytes:
    ET.register_namespace("", QTI_NS)
    root = ET.Element(f"{{{QTI_NS}}}questestinterop")
    test = sub(root, "assessment", ident=ident, title=quiz_title(doc, quiz))
    fields(sub(test, "qtimetadata"), [("cc_maxattempts", "1")])
    section = sub(test, "section", ident="root_section")
    for item in quiz.items:
        qti_item(section, doc, quiz, item)
    # ElementTree gives the default namespace only to the root's own tag: put every element in it
    for el in root.iter():
        if not el.tag.startswith("{"):
            el.tag = f"{{{QTI_NS}}}{el.tag}"
    return _xml(root)


def fields(parent: ET.Element, pairs: list[tuple[str, str]]) -> None:
    for label, entry in pairs:
        f = sub(parent, "qtimetadatafield")
        sub(f, "fieldlabel", label)
        sub(f, "fieldentry", entry)


def material(parent: ET.Element, html_text: str) -> None:
    sub(sub(parent, "material"), "mattext", html_text, texttype="text/html")


def option_ident(item: DocQuizItem, i: int) -> str:
    return f"{item.id}-{LETTERS[i]}"


def qti_item(section: ET.Element, doc: Document, quiz: SectionQuiz, item: DocQuizItem) -> None:
    el = sub(section, "item", ident=item.id, title=item.id)
    choice = item.type == "choice"
    meta = [("question_type", "multiple_choice_question" if choice else "short_answer_question"),
            ("points_possible", "1.0"),
            ("original_answer_ids", ",".join(option_ident(item, i) for i in range(len(item.options)))
             if choice else ""),
            ("assessment_question_identifierref", f"{item.id}-question"),
            ("guide_id", item.id), ("guide_level", doc.level), ("guide_section", quiz.section.id)]
    fields(sub(sub(el, "itemmetadata"), "qtimetadata"), meta)
    pres = sub(el, "presentation")
    material(pres, f"<p>{to_html(item.text)}</p>")
    feedback: list[tuple[str, str]] = []
    if choice:
        lid = sub(pres, "response_lid", ident="response1", rcardinality="Single")
        render = sub(lid, "render_choice")
        for i, o in enumerate(item.options):
            material(sub(render, "response_label", ident=option_ident(item, i)), to_html(o.text))
    else:
        fib = sub(sub(pres, "response_str", ident="response1", rcardinality="Single"), "render_fib")
        sub(fib, "response_label", ident="answer1", rshuffle="No")
    proc = sub(el, "resprocessing")
    sub(sub(proc, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    if item.feedback:
        cond = sub(proc, "respcondition", continue_="Yes")
        sub(sub(cond, "conditionvar"), "other")
        sub(cond, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
        feedback.append(("general_fb", to_html(item.feedback)))
    if choice:
        for i, o in enumerate(item.options):
            if o.feedback:
                cond = sub(proc, "respcondition", continue_="Yes")
                sub(sub(cond, "conditionvar"), "varequal", option_ident(item, i), respident="response1")
                sub(cond, "displayfeedback", feedbacktype="Response", linkrefid=f"{option_ident(item, i)}_fb")
                feedback.append((f"{option_ident(item, i)}_fb", to_html(o.feedback)))
        right = next(i for i, o in enumerate(item.options) if o.correct)
        cond = sub(proc, "respcondition", continue_="No")
        sub(sub(cond, "conditionvar"), "varequal", option_ident(item, right), respident="response1")
        sub(cond, "setvar", "100", action="Set", varname="SCORE")
    else:
        cond = sub(proc, "respcondition", continue_="No")
        var = sub(cond, "conditionvar")
        for answer in item.accept:
            sub(var, "varequal", answer, respident="response1")
        sub(cond, "setvar", "100", action="Set", varname="SCORE")
    for ident, text in feedback:
        fb = sub(el, "itemfeedback", ident=ident)
        material(sub(fb, "flow_mat"), f"<p>{text}</p>")
