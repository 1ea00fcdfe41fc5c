"""The studio's web server: a Starlette app on 127.0.0.1 that only answers its own page.

Every request must carry the session token (the `?token=` of the printed URL, kept in a same-site cookie
by the page) and a Host header naming this server; a request with an Origin that is not this server's is
refused (DNS rebinding, cross-site requests). Pages are Jinja2 templates with autoescaping; the page's
script puts text into the page with `textContent`, never as markup. Edition names from the page are
checked like `guide new-edition` names, so no path from the page reaches the file system.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import threading
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import GuideError
from ..model import PARTS
from ..options import OPTIONS
from . import downloads
from .editing import routes as editing_routes
from .session import Studio, choices, problem_json

MAX_BODY = 1_000_000          # bytes of one request from the page
COOKIE = "guide_studio"
HERE = Path(__file__).resolve().parent


async def computed(work, *args):
    """Run work that only computes (a build, a download) in a daemon thread: Ctrl-C does not wait for a build
    nobody will see. Work that writes files (save, new edition, init) runs in anyio's threads, which finish."""
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def settle(value, error):
        if not future.done():
            future.set_exception(error) if error is not None else future.set_result(value)

    def run():
        try:
            value, error = work(*args), None
        except Exception as exc:      # given to the request, which answers for it
            value, error = None, exc
        try:
            loop.call_soon_threadsafe(settle, value, error)
        except RuntimeError:          # the server has stopped meanwhile
            pass

    threading.Thread(target=run, name="guide studio build", daemon=True).start()
    return await future


class Guard:
    """ASGI middleware: token, Host and Origin checks, and a limit on request bodies."""

    def __init__(self, app, token: str, hosts: set[str]):
        self.app, self.token, self.hosts = app, token, hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if host not in self.hosts:
            return await PlainTextResponse("wrong host", 403)(scope, receive, send)
        origin = headers.get("origin")
        if origin is not None and origin not in {f"http://{h}" for h in self.hosts}:
            return await PlainTextResponse("wrong origin", 403)(scope, receive, send)
        if scope["method"] not in ("GET", "HEAD") and headers.get("sec-fetch-site") not in (None, "same-origin",
                                                                                             "none"):
            return await PlainTextResponse("cross-site request", 403)(scope, receive, send)
        query = dict(p.split("=", 1) for p in scope.get("query_string", b"").decode().split("&") if "=" in p)
        cookies = {}
        for part in headers.get("cookie", "").split(";"):
            if "=" in part:
                k, v = part.strip().split("=", 1)
                cookies[k] = v
        given = headers.get("x-guide-token") or cookies.get(COOKIE) or query.get("token") or ""
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return await PlainTextResponse("this studio needs the link it printed (with its token)", 403)(
                scope, receive, send)
        if int(headers.get("content-length", "0") or 0) > MAX_BODY:
            return await PlainTextResponse("request too large", 413)(scope, receive, send)
        return await self.app(scope, receive, send)


def create_app(studio: Studio, token: str, hosts: set[str], edition: str | None = None) -> Guard:
    templates = Environment(loader=PackageLoader("guide.studio", "templates"),
                            autoescape=select_autoescape(["html"]))

    def page(request: Request):
        html = templates.get_template("page.html").render(
            edition=edition or "", options=OPTIONS, choices=choices(), parts=PARTS)
        response = HTMLResponse(html, headers={
            "Content-Security-Policy": "default-src 'self'; img-src 'self' blob:; object-src 'none'; "
                                       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"})
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response

    def state(request: Request):
        guide, _ = studio.guide()
        name = request.query_params.get("edition") or edition or guide.default_edition
        level = request.query_params.get("level")
        try:
            settings = studio.settings_of(name) if name in guide.editions else {"level": level or "high"}
        except GuideError as exc:
            return JSONResponse({"problems": [problem_json(p) for p in exc.problems]}, 400)
        level = level or settings.get("level", "high")
        sections = [{"id": sid, "title": (sec.title.at(level) or next(iter(sec.title.values.values()))),
                     "levels": list(sec.levels)} for sid, sec in guide.sections.items()]
        order = list(guide.order) + [s for s in guide.sections if s not in guide.order]
        sections.sort(key=lambda s: order.index(s["id"]))
        from .additions import added_sections       # the teacher's own sections, made in the page
        sections += added_sections(settings.get("material"))
        return JSONResponse({"editions": sorted(guide.editions), "edition": name if name in guide.editions else None,
                             "settings": settings, "sections": sections, "parts": list(PARTS),
                             "choices": choices(), "shipped": studio.shipped,
                             "stamp": studio.stamp(name) if name in guide.editions else None})

    async def body(request: Request) -> dict:
        raw = await request.body()
        if len(raw) > MAX_BODY:
            raise GuideError("request too large", exit_code=413)
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            raise GuideError("the request is not JSON", exit_code=400) from None
        if not isinstance(data, dict) or not isinstance(data.get("settings", {}), dict):
            raise GuideError("the request has no settings", exit_code=400)
        return data

    async def preview(request: Request):
        """Build the settings: `"first": true` lays out the changed section alone (fast), else the whole."""
        try:
            data = await body(request)
        except GuideError as exc:
            return JSONResponse({"ok": False, "problems": [problem_json(p) for p in exc.problems]}, exc.exit_code)
        name = str(data.get("name") or "studio")
        if data.get("first"):
            build = await computed(studio.build_first, name, data["settings"])
            if build is None:
                return JSONResponse({"ok": False, "problems": []})
            return JSONResponse({"ok": True, "build": build.id, "pages": build.pages, "section": build.section,
                                 "aspect": build.aspect, "seconds": round(build.seconds, 2), "problems": []})
        build, problems = await computed(studio.build, name, data["settings"])
        out = {"ok": build is not None, "problems": [problem_json(p) for p in problems]}
        if build is not None:
            out.update(build=build.id, pages=build.pages, seconds=round(build.seconds, 2), first=build.first,
                       aspect=build.aspect, downloads=downloads.offered(build))
        return JSONResponse(out)

    def image(request: Request):
        try:
            png = studio.page_image(request.path_params["build"], int(request.path_params["page"]),
                                    int(request.query_params.get("width", "600")))
        except (KeyError, ValueError):
            return PlainTextResponse("no such page", 404)
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    def disposition(request: Request, default: str) -> str:
        name = "".join(ch for ch in request.query_params.get("name", "") if ch.isalnum() or ch in "-_")
        return name or default

    def pdf(request: Request):
        build = studio.builds.get(request.path_params["build"])
        if build is None:
            return PlainTextResponse("no such build", 404)
        name = disposition(request, "edition")
        return Response(build.pdf, media_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{name}.pdf"'})

    async def download(request: Request):
        build = studio.builds.get(request.path_params["build"])
        kind = request.path_params["kind"]
        if build is None or build.section is not None or kind not in downloads.offered(build):
            return PlainTextResponse("no such download", 404)
        try:
            data = await computed(downloads.make, studio, build, kind)
        except GuideError as exc:
            return JSONResponse({"ok": False, "problems": [problem_json(p) for p in exc.problems]}, 422)
        file = downloads.filename(kind, disposition(request, build.name))
        kind_type = "application/zip" if file.endswith(".zip") else "application/pdf"
        return Response(data, media_type=kind_type, headers={"Content-Disposition": f'attachment; filename="{file}"'})

    async def new(request: Request):
        """A new edition file, from scratch or as a copy of another (`guide new-edition NAME [--from E]`)."""
        try:
            data = await body(request)
            import anyio
            name = await anyio.to_thread.run_sync(lambda: studio.new_edition(
                str(data.get("name") or ""), str(data.get("from") or "") or None, data.get("level") or None))
        except GuideError as exc:
            return JSONResponse({"ok": False, "shipped": studio.shipped,
                                 "problems": [problem_json(p) for p in exc.problems]}, 422)
        return JSONResponse({"ok": True, "edition": name})

    async def save(request: Request):
        try:
            data = await body(request)
            import anyio
            target = await anyio.to_thread.run_sync(
                lambda: studio.save(str(data.get("name") or ""), data["settings"], data.get("stamp"),
                                    bool(data.get("force"))))
        except GuideError as exc:
            status = exc.exit_code if exc.exit_code in (400, 409, 413) else 422
            return JSONResponse({"ok": False, "shipped": studio.shipped,
                                 "problems": [problem_json(p) for p in exc.problems]}, status)
        return JSONResponse({"ok": True, "file": str(target.relative_to(studio.content.parent))
                             if studio.content.parent in target.parents else str(target),
                             "stamp": studio.stamp(str(data.get("name")))})

    async def init(request: Request):
        try:
            target = studio.init(Path.cwd())
        except GuideError as exc:
            return JSONResponse({"ok": False, "problems": [problem_json(p) for p in exc.problems]}, 422)
        return JSONResponse({"ok": True, "content": str(target)})

    app = Starlette(routes=[
        Route("/", page), Route("/api/state", state), Route("/api/preview", preview, methods=["POST"]),
        Route("/api/build/{build}/page/{page:int}.png", image), Route("/api/build/{build}/edition.pdf", pdf),
        Route("/api/build/{build}/download/{kind}", download), Route("/api/new", new, methods=["POST"]),
        Route("/api/save", save, methods=["POST"]), Route("/api/init", init, methods=["POST"]),
        *editing_routes(studio),                # change the wording, upload a bibliography (`editing.py`)
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ])
    return Guard(app, token, hosts)
