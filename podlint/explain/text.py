"""The explanation as a timeline for people (every manifest string shown escaped)."""

from __future__ import annotations

from podlint.terminal import visible


def _at(seconds) -> str:
    return "never" if seconds is None else f"{seconds} s"


def _list(values: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in values.items()) or "none"


def render(value: dict) -> str:
    lines: list[str] = []
    for problem in value["problems"]:
        lines.append(visible(f"{problem['file']}:{problem['line']}:{problem['column']}: cannot be read: "
                             f"{problem['message']}"))
    if value["skipped"]:
        shown = ", ".join(f"{s['object']} ({s['file']})" for s in value["skipped"][:20])
        more = f" and {len(value['skipped']) - 20} more" if len(value["skipped"]) > 20 else ""
        lines.append(visible(f"skipped, not pod-bearing: {shown}{more}"))
    if (value["problems"] or value["skipped"]) and value["objects"]:
        lines.append("")
    if not value["objects"]:
        lines.append("no pod-bearing object to explain")
    for i, obj in enumerate(value["objects"]):
        if i:
            lines.append("")
        lines.extend(_object(obj))
    return "\n".join(lines) + "\n"


def _object(obj: dict) -> list[str]:
    ns = f" in namespace {obj['namespace']}" if obj["namespace"] else ""
    head = f"{obj['object']}{ns} ({obj['file']}:{obj['line']})"
    out = [visible(head), "=" * min(len(head), 100)]
    if obj["template"]:
        out.append("(a pod template: each pod made from it goes through this)")
    out.append("")
    out.append("Start-up")
    for event in obj["timeline"][:1]:
        out.append(_event(event))
    inits = [c for c in obj["containers"] if c["role"] != "app"]
    apps = [c for c in obj["containers"] if c["role"] == "app"]
    events = obj["timeline"][1:]
    for c in inits:
        role = "sidecar" if c["role"] == "sidecar" else "init container"
        out.append(visible(f"  {_at(c['start']):>7}  {role} {c['index'] + 1}/{len(inits)} \"{c['name']}\" "
                           f"({c['image'] or 'no image'}), status {c['status']}"
                           + (": never starts, the one before waits for good" if c["start"] is None else "")))
        if c["runs"]:
            out.append(visible(f"           runs: {c['runs']}"))
        for w in c["waits"]:
            out.append(visible(f"           {w['outcome']}"))
        if c["role"] == "init" and not c["waits"] and c["runs"]:
            out.append("           waits for nothing podlint recognises: done when the command exits")
        out.append(visible(f"           {c['note']}"))
        while events and events[0]["status"].startswith("Init:") and events[0]["event"].endswith(
                f'"{c["name"]}" completed'):
            out.append(_event(events.pop(0)))
    for event in events:
        if event["status"] == "PodInitializing":
            out.append(_event(event))
    if obj["blocked"]:
        stuck = next((c for c in inits if c["role"] == "init" and c["start"] is not None and c["end"] is None), None)
        where = f"the pod stays in {stuck['status']} for good" if stuck else "the pod never initializes"
        out.append(visible(f"  {'never':>7}  app containers do not start: {where}, unless what "
                           f"\"{stuck['name'] if stuck else '?'}\" waits for is created outside this run"))
    names = ", ".join(f'"{c["name"]}" ({c["image"] or "no image"})' for c in apps)
    out.append(visible(f"  {_at(apps[0]['start'] if apps else None):>7}  app containers, started together: {names}"))
    for c in apps:
        if c["runs"]:
            out.append(visible(f"           \"{c['name']}\" runs: {c['runs']}"))
    for event in events:
        if event["status"] != "PodInitializing":
            out.append(_event(event))
    out.append("")
    out.append("Probes (API server defaults filled in and marked *)")
    probed = [c for c in obj["containers"] if c["probes"]]
    if not probed:
        out.append("  none: each container counts as started and ready as soon as it runs")
    for c in probed:
        out.append(visible(f"  \"{c['name']}\""))
        for p in c["probes"]:
            timing = ", ".join(f"{k} {p[k]}{'*' if k in p['defaulted'] else ''}"
                               for k in ("initialDelaySeconds", "periodSeconds", "timeoutSeconds",
                                         "successThreshold", "failureThreshold"))
            out.append(visible(f"    {p['probe']}: {p['handler']}"))
            out.append(f"      {timing}")
            out.append(f"      first runs {p['firstRunAfter']} s after the container starts")
        if c.get("readyAfter") is not None:
            out.append(f"    ready at the earliest {c['readyAfter']} s after it starts")
    out.append("")
    out.append("Failures and restarts")
    for line in obj["failures"]:
        out.append(visible(f"  {line}"))
    out.append("")
    sd = obj["shutdown"]
    out.append("Shutdown")
    grace = f"{sd['terminationGracePeriodSeconds']} s" + (" (default)" if sd["defaulted"] else "")
    out.append(f"  terminationGracePeriodSeconds {grace}")
    for line in sd["preStop"]:
        out.append(visible(f"  {line}"))
    out.append(visible(f"  {sd['sequence']}"))
    for line in sd["notes"]:
        out.append(visible(f"  note: {line}"))
    out.append("")
    res = obj["resources"]
    out.append("Resources")
    out.append(visible(f"  the pod requests {_list(res['requests'])}; limits {_list(res['limits'])}"
                       + (f" (overhead {_list(res['overhead'])} included)" if res["overhead"] else "")))
    out.append(visible(f"  QoS class {res['qosClass']}: {res['qosReason']}"))
    out.append(f"  {res['eviction']}")
    for line in res["enforcement"]:
        out.append(visible(f"  {line}"))
    return out


def _event(event: dict) -> str:
    conditions = "; " + ", ".join(f"{c}=True" for c in event["conditions"]) if event["conditions"] else ""
    return visible(f"  {_at(event['at']):>7}  {event['status']}: {event['event']}{conditions}")
