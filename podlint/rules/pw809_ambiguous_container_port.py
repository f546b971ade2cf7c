"""PW809 ambiguous-container-port."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_int, as_list, as_str
from podlint.paths import FieldPath

RULE = Rule(
    id="PW809",
    name="ambiguous-container-port",
    severity=Severity.WARNING,
    summary="hostIP without hostPort, or one containerPort/protocol declared twice (duplicate, "
    "overlapping or ambiguous)",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # pkg/api/pod/warnings.go, on the defaulted object (protocol TCP; in a Pod with
    # hostNetwork every hostPort 0 becomes the containerPort)
    host_network = pod.spec.get("hostNetwork") is True
    seen: dict[tuple, dict[tuple[str, int], tuple[FieldPath, str]]] = {}
    for c in pod.visited_containers:
        for i, port in enumerate(as_list(c.spec.get("ports"))):
            if not isinstance(port, dict):
                continue
            container_port = as_int(port.get("containerPort"))
            host_port = as_int(port.get("hostPort"))
            if container_port is None or (port.get("hostPort") is not None and host_port is None):
                continue  # wrong types: the schema pass reports them
            host_port = host_port or 0
            if host_network and not pod.is_template and host_port == 0:
                host_port = container_port
            host_ip = as_str(port.get("hostIP")) or ""
            protocol = as_str(port.get("protocol")) or "TCP"
            path = c.path / "ports" / i
            if host_ip and host_port == 0:
                yield Finding(path / "hostIP", f'{c.label} port {container_port} sets hostIP "{host_ip}" '
                                               "without hostPort; hostIP has no effect", on_key=False)
            key = (container_port, protocol)
            # each port is reported once, against the first earlier one it clashes with, and
            # an identical repeat is not remembered again: linear in the number of ports
            # (warnings.go reports every pair: 1,000 copies of one port made 500,000 warnings)
            earlier = seen.setdefault(key, {})
            for (other_ip, other_port), (other_path, other_label) in earlier.items():
                if host_ip == other_ip and host_port == other_port:
                    problem = "duplicates"
                elif host_port == 0 or other_port == 0:
                    problem = "overlaps"
                elif host_port == other_port and (host_ip == "") != (other_ip == ""):
                    problem = "is ambiguous with"
                else:
                    continue
                where = f"{other_label} ({other_path})" if other_label != c.label else str(other_path)
                yield Finding(path, f"{c.label} port {container_port}/{protocol} {problem} the one "
                                    f"declared at {where}; declare each port once")
                break
            earlier.setdefault((host_ip, host_port), (path, c.label))
