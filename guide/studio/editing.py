"""The studio's endpoints for changing the wording and uploading a bibliography (registered by `app.py`).

Each answers JSON; a request the page could not have made (wrong types, unknown ids) is a 400 with a
problem in plain words, a file that cannot be used a 422 with its problems, one too large a 413.
"""
from __future__ import annotations

import json
from dataclasses import replace

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..errors import GuideError
from . import wording
from .session import Studio, problem_json
from .uploads import MAX_UPLOAD, hold, read_upload


def _fail(exc: GuideError) -> JSONResponse:
    status = exc.exit_code if exc.exit_code in (400, 413, 422) else 422
    return JSONResponse({"ok": False, "problems": [problem_json(p) for p in exc.problems]}, status)


async def _json(request: Request) -> dict:
    raw = await request.body()
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        raise GuideError("the request is not JSON", exit_code=400) from None
    if not isinstance(data, dict):
        raise GuideError("the request is not a JSON object", exit_code=400)
    for key in ("section", "level", "id"):
        if key in data and not isinstance(data[key], str):
            raise GuideError(f"'{key}' must be text", exit_code=400)
    if not isinstance(data.get("overrides") or {}, dict):
        raise GuideError("'overrides' must map item ids to their wording", exit_code=400)
    return data


def routes(studio: Studio) -> list[Route]:
    def items(data, overrides):
        guide, _ = studio.guide()
        return wording.section_items(guide, data.get("section", ""), data.get("level", "high"), overrides)

    async def listing(request: Request):
        try:
            data = await _json(request)
            return JSONResponse({"ok": True, "items": items(data, data.get("overrides"))})
        except GuideError as exc:
            return _fail(exc)

    def changing(how):
        """An endpoint that answers the edition's new overrides (and the section's items, when it names one)."""
        async def endpoint(request: Request):
            try:
                data = await _json(request)
                overrides = how(data)
                out = {"ok": True, "overrides": overrides}
                if data.get("section"):
                    out["items"] = items(data, overrides)
                return JSONResponse(out)
            except GuideError as exc:
                return _fail(exc)
        return endpoint

    def change(data):
        if not isinstance(data.get("values"), dict):
            raise GuideError("'values' must map fields to their new text", exit_code=400)
        guide, _ = studio.guide()
        return wording.set_wording(guide, data.get("overrides"), data.get("id", ""), data.get("level", "high"),
                                   data["values"])

    def revert(data):
        return wording.revert(data.get("overrides"), data.get("id", ""))

    async def upload(request: Request):
        """The body is the file itself; its name (X-File-Name) only says JSON or YAML."""
        import anyio
        try:
            if int(request.headers.get("content-length") or 0) > MAX_UPLOAD:
                raise GuideError(f"the file is larger than {MAX_UPLOAD:,} bytes, the limit of an upload",
                                 exit_code=413)
            raw = await request.body()
            name = request.query_params.get("name") or "studio"
            studio.file_of(name)                              # a valid edition name, or a problem
            guide, _ = studio.guide()
            taken = set(guide.sources)
            read, warnings = await anyio.to_thread.run_sync(
                lambda: read_upload(guide, studio.content, name, request.headers.get("x-file-name", ""), raw, taken))
        except GuideError as exc:
            exc.problems = [replace(p, field="m-library") for p in exc.problems]
            return _fail(exc)
        studio.counter += 1
        uid = hold(studio.uploads, {"suffix": read["suffix"], "text": read["text"]}, studio.counter)
        return JSONResponse({"ok": True, "upload": uid, "format": read["suffix"], "works": read["works"],
                             "problems": [dict(problem_json(p), field="m-library") for p in warnings]})

    async def library(request: Request):
        """The works of an edition's saved bibliography (editions/NAME/library.json or .yaml), with their keys."""
        try:
            data = await _json(request)
            name = str(data.get("name") or "")
            folder = studio.file_of(name).with_suffix("")
            file = data.get("file")
            if file not in ("library.json", "library.yaml"):
                raise GuideError("the saved bibliography is library.json or library.yaml", exit_code=400)
            path = folder / file
            root = studio.content.resolve()
            if path.is_symlink() or root not in path.resolve().parents:
                raise GuideError("the bibliography is outside the content folder", exit_code=400)
            try:
                raw = path.read_bytes()
            except OSError:
                raise GuideError(f"there is no saved bibliography {file}", exit_code=422) from None
            guide, _ = studio.guide()
            read, warnings = read_upload(guide, studio.content, name, file, raw, set(guide.sources))
        except GuideError as exc:
            return _fail(exc)
        return JSONResponse({"ok": True, "works": read["works"], "problems": [problem_json(p) for p in warnings]})

    return [Route("/api/library", library, methods=["POST"]), Route("/api/wording", listing, methods=["POST"]),
            Route("/api/wording/set", changing(change), methods=["POST"]),
            Route("/api/wording/revert", changing(revert), methods=["POST"]),
            Route("/api/upload", upload, methods=["POST"])]
