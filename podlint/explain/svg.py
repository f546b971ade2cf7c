"""The explanation as an SVG timeline: one lane per container, built as text (no library).

Init containers take one column each, in order (a wait has no length of its own: it ends
when its target exists); the app phase after them is drawn to scale in seconds, with the
first run of each probe marked and the worst-case windows (how long a startup probe
allows, how long a failing liveness probe takes to kill) shaded and labelled.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from podlint.terminal import visible

WIDTH = 1000
LABEL_W = 230
STEP_W = 130  # one init container's column
LANE_H = 34
LANE_GAP = 8
FONT = "font-family='DejaVu Sans, Verdana, sans-serif'"
COLORS = {"init": "#4c78a8", "sidecar": "#72b7b2", "app": "#54a24b", "blocked": "#e45756", "never": "#bbbbbb",
          "startup": "#f58518", "liveness": "#e45756", "readiness": "#9d755d"}


def _t(text: object, limit: int = 70) -> str:
    shown = visible(str(text), tabs=False)
    if len(shown) > limit:
        shown = shown[:limit - 1] + "…"
    return escape(shown, {"'": "&apos;", '"': "&quot;"})


def _text(x: float, y: float, text: object, size: int = 12, anchor: str = "start", color: str = "#222",
          weight: str = "normal", limit: int = 70) -> str:
    return (f"<text x='{x:.1f}' y='{y:.1f}' font-size='{size}' text-anchor='{anchor}' fill='{color}' "
            f"font-weight='{weight}' {FONT}>{_t(text, limit)}</text>")


def _rect(x: float, y: float, w: float, h: float, fill: str, opacity: float = 1.0, stroke: str = "none",
          dash: str = "") -> str:
    extra = f" stroke-dasharray='{dash}'" if dash else ""
    return (f"<rect x='{x:.1f}' y='{y:.1f}' width='{max(w, 1):.1f}' height='{h:.1f}' rx='3' fill='{fill}' "
            f"fill-opacity='{opacity}' stroke='{stroke}'{extra}/>")


def _horizon(obj: dict) -> float:
    """Seconds of the app phase to draw: the latest mark or window end, at least 10."""
    marks = [0.0]
    for c in obj["containers"]:
        if c["role"] == "init":
            continue
        for p in c["probes"]:
            marks.append(p["firstRunAfter"])
            marks.append(p.get("allowsUpTo", 0))
            if "killsAfterFailingFor" in p:
                marks.append(c.get("startedAfter", 0) + p["firstRunAfter"] + p["killsAfterFailingFor"])
        marks.append(c.get("readyAfter") or 0)
    top = max(10.0, max(m for m in marks if m is not None and m >= 0) * 1.1)
    step = 10 ** math.floor(math.log10(top))
    return math.ceil(top / step) * step


def _object(obj: dict, y0: float) -> tuple[list[str], float]:
    parts: list[str] = []
    ns = f" in namespace {obj['namespace']}" if obj["namespace"] else ""
    parts.append(_text(10, y0 + 18, f"{obj['object']}{ns}", 16, weight="bold", limit=90))
    parts.append(_text(10, y0 + 36, f"{obj['file']}  ·  restartPolicy {obj['restartPolicy']}  ·  QoS "
                       f"{obj['resources']['qosClass']}  ·  grace {obj['shutdown']['terminationGracePeriodSeconds']} s",
                       11, color="#555", limit=140))
    steps = [c for c in obj["containers"] if c["role"] != "app"]
    apps = [c for c in obj["containers"] if c["role"] == "app"]
    x_app = LABEL_W + STEP_W * len(steps)
    app_w = max(WIDTH - 20 - x_app, 200)
    width = x_app + app_w + 20
    horizon = _horizon(obj)
    scale = app_w / horizon

    def at(seconds: float) -> float:
        return x_app + min(seconds, horizon) * scale

    # the status strip: what `kubectl get pod` shows in each stretch
    y = y0 + 48
    blocked_at = next((i for i, c in enumerate(steps) if c["role"] == "init" and c["end"] is None
                       and c["start"] is not None), None)
    for i, c in enumerate(steps):
        x = LABEL_W + STEP_W * i
        fill = "#eeeeee" if c["start"] is not None else "#f7f7f7"
        parts.append(_rect(x + 1, y, STEP_W - 2, 20, fill, stroke="#cccccc"))
        parts.append(_text(x + STEP_W / 2, y + 14, c["status"], 11, "middle",
                           "#222" if c["start"] is not None else "#999"))
    if obj["blocked"]:
        parts.append(_rect(x_app + 1, y, app_w - 2, 20, "#fdecea", stroke="#e45756"))
        stuck = steps[blocked_at]["status"] if blocked_at is not None else "Init"
        parts.append(_text(x_app + app_w / 2, y + 14, f"stays in {stuck} for good: app containers never start",
                           11, "middle", "#b22222", "bold"))
    else:
        parts.append(_rect(x_app + 1, y, app_w - 2, 20, "#eaf5e8", stroke="#54a24b"))
        label = "PodInitializing → Running" if steps else "Running"
        parts.append(_text(x_app + 6, y + 14, label, 11))
    parts.append(_text(LABEL_W - 8, y + 14, "pod status", 11, "end", "#555"))
    y += 30
    ly = y - LANE_H - LANE_GAP
    height = LANE_H
    for i, c in enumerate(steps + apps):
        ly += height + LANE_GAP
        height = _lane_height(c)
        role = {"init": "init", "sidecar": "sidecar", "app": "app"}[c["role"]]
        parts.append(_text(LABEL_W - 8, ly + 15, c["name"], 12, "end", weight="bold", limit=28))
        parts.append(_text(LABEL_W - 8, ly + 29, f"{role} · {c['image'] or 'no image'}", 10, "end", "#666", limit=34))
        never = c["start"] is None
        if c["role"] == "init":
            x = LABEL_W + STEP_W * steps.index(c)
            if never:
                parts.append(_rect(x + 4, ly + 4, STEP_W - 8, LANE_H - 8, "#ffffff", stroke=COLORS["never"], dash="4 3"))
                parts.append(_text(x + STEP_W / 2, ly + 22, "never starts", 11, "middle", "#888"))
            elif c["end"] is None:
                parts.append(_rect(x + 4, ly + 4, width - 24 - x, LANE_H - 8, COLORS["blocked"], 0.85))
                service = next((w["service"]["name"] for w in c["waits"] if w["blocks"] and w["service"]), None)
                why = f"waits for Service {service} for good: no manifest in this run defines it" if service \
                    else "waits for good"
                parts.append(_text(x + 10, ly + 22, why, 12, color="#ffffff", weight="bold", limit=90))
            else:
                parts.append(_rect(x + 4, ly + 4, STEP_W - 8, LANE_H - 8, COLORS["init"]))
                parts.append(_text(x + STEP_W / 2, ly + 22, _step_label(c), 11, "middle", "#ffffff", limit=20))
            continue
        if c["role"] == "sidecar":
            x = LABEL_W + STEP_W * steps.index(c)
            if never:
                parts.append(_text(x + 8, ly + 22, "never starts", 11, color="#888"))
                continue
            parts.append(_rect(x + 4, ly + 4, width - 24 - x, LANE_H - 8, COLORS["sidecar"], 0.9))
            parts.append(_text(x + 10, ly + 22, "started in order, keeps running beside the app", 11, color="#ffffff"))
            continue
        if never:
            parts.append(_rect(x_app + 4, ly + 4, app_w - 8, LANE_H - 8, "#ffffff", stroke=COLORS["never"], dash="4 3"))
            parts.append(_text(x_app + app_w / 2, ly + 22, "never starts", 11, "middle", "#888"))
            continue
        parts.append(_rect(x_app + 2, ly + 2, app_w - 4, height - 4, COLORS["app"], 0.2))
        for row, p in enumerate(c["probes"], 1):
            parts.extend(_probe_marks(p, c, at, ly + ROW_H * row))
        ready = c.get("readyAfter")
        if not c["probes"]:
            parts.append(_text(x_app + 10, ly + 22, "no probes: started and ready at once", 11, color="#2f6b2a"))
        elif ready is not None:
            rx = at(ready)
            parts.append(f"<path d='M{rx - 5:.1f},{ly + 5} l10,0 l-5,9 z' fill='#2f6b2a'/>")
            parts.append(_text(rx + 8, ly + 14, f"ready at the earliest {ready} s", 10, color="#2f6b2a"))
    bottom = ly + height + LANE_GAP
    # the app phase's axis, in seconds from the moment the app containers start
    if not obj["blocked"]:
        parts.append(f"<line x1='{x_app}' y1='{bottom}' x2='{x_app + app_w}' y2='{bottom}' stroke='#444'/>")
        for k in range(6):
            s = horizon * k / 5
            x = at(s)
            parts.append(f"<line x1='{x:.1f}' y1='{bottom}' x2='{x:.1f}' y2='{bottom + 5}' stroke='#444'/>")
            parts.append(_text(x, bottom + 17, f"{s:g} s", 10, "middle", "#444"))
        parts.append(_text(x_app + app_w, bottom + 31, "seconds after the app containers start", 10, "end", "#666"))
    if steps:
        parts.append(_text(LABEL_W + 4, bottom + 17, "init containers, one after the other →", 10, color="#666"))
    return parts, bottom + 44 - y0


ROW_H = 17


def _lane_height(c: dict) -> int:
    if c["role"] != "app" or not c["probes"]:
        return LANE_H
    return ROW_H * (len(c["probes"]) + 1) + 6


def _step_label(c: dict) -> str:
    sleeps = sum(w.get("seconds") or 0 for w in c["waits"] if w["kind"] == "sleep")
    services = [w["service"]["name"] for w in c["waits"] if w["service"]]
    if services:
        return "until Service exists"
    if sleeps:
        return f"sleeps {sleeps:g} s"
    return "runs, exits"


def _probe_marks(p: dict, c: dict, at, y: float) -> list[str]:
    """One probe's row: its first run marked, its worst-case window shaded and labelled."""
    out = []
    color = COLORS[p["probe"]]
    first = p["firstRunAfter"]
    label = f"{p['probe']}: first probe at {first} s"
    if p["probe"] == "startup":
        x0, x1 = at(0), at(p["allowsUpTo"])
        label += f"; may take up to {p['allowsUpTo']} s, then the container is killed"
    elif p["probe"] == "liveness":
        start = first
        x0, x1 = at(start), at(start + p["killsAfterFailingFor"])
        label += f"; failing, it kills after {p['killsAfterFailingFor']} s"
    else:
        x0, x1 = at(first), at(first + p["unreadyAfterFailingFor"])
        label += f"; failing, unready after {p['unreadyAfterFailingFor']} s"
    out.append(_rect(x0, y + 3, x1 - x0, 9, color, 0.4))
    x = at(first)
    out.append(f"<line x1='{x:.1f}' y1='{y + 1}' x2='{x:.1f}' y2='{y + 14}' stroke='{color}' stroke-width='3'/>")
    lx = max(x, x1) + 5
    if lx + len(label) * 5.8 > WIDTH - 10:
        lx = x + 8  # no room after the window: over it (the window is pale)
    out.append(_text(lx, y + 12, label, 10, color="#333", limit=110))
    return out


def render(value: dict) -> str:
    parts: list[str] = []
    y = 10.0
    notes = [f"{p['file']}:{p['line']}: cannot be read: {p['message']}" for p in value["problems"]]
    if value["skipped"]:
        notes.append("skipped, not pod-bearing: " + ", ".join(s["object"] for s in value["skipped"][:12]))
    for note in notes:
        parts.append(_text(10, y + 12, note, 11, color="#8a5a00", limit=150))
        y += 18
    if not value["objects"]:
        parts.append(_text(10, y + 16, "no pod-bearing object to explain", 13))
        y += 30
    width = WIDTH
    for obj in value["objects"]:
        steps = sum(1 for c in obj["containers"] if c["role"] != "app")
        width = max(width, LABEL_W + STEP_W * steps + 220)
        drawn, height = _object(obj, y)
        parts.extend(drawn)
        y += height + 16
    head = (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{int(y)}' "
            f"viewBox='0 0 {width} {int(y)}'>\n<title>podlint explain</title>\n"
            f"<rect width='100%' height='100%' fill='#ffffff'/>\n")
    return head + "\n".join(parts) + "\n</svg>\n"
