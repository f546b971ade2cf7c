"""PW822 long-running-init-container."""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple, Optional

from podlint.diagnostics import Finding, Severity
from podlint.model import ContainerView, PodSite, Rule, as_list, as_str
from podlint.rules._runtime import container_script, never_exits

RULE = Rule(
    id="PW822",
    name="long-running-init-container",
    severity=Severity.WARNING,
    summary="A proxy, log shipper, agent or endless command runs as a plain init container and blocks the pod",
)


class Helper(NamedTuple):
    """A well-known daemon image: what it is and the binaries that start the daemon."""

    what: str
    image: re.Pattern
    daemons: tuple[str, ...]
    # for images whose entrypoint takes a subcommand: the first args that start the daemon
    subcommands: Optional[tuple[str, ...]] = None


def _image(path: str) -> re.Pattern:
    return re.compile(rf"(^|/){path}$")


HELPERS = (
    # istio-init runs the same image with `istio-iptables` and exits: only `proxy` is the daemon
    Helper("the Istio proxy", _image(r"proxyv2"), ("pilot-agent",), subcommands=("proxy",)),
    Helper("the Envoy proxy", _image(r"envoyproxy/envoy(-[a-z0-9-]+)?"), ("envoy",)),
    Helper("the Cloud SQL Auth Proxy",
           _image(r"(cloudsql-docker/gce-proxy|cloud-sql-connectors/cloud-sql-proxy|cloud-sql-proxy)"),
           ("cloud_sql_proxy", "cloud-sql-proxy")),
    Helper("the Fluent Bit log shipper", _image(r"(fluent/fluent-bit|aws-for-fluent-bit)"), ("fluent-bit",)),
    Helper("the Fluentd log shipper", _image(r"fluentd[a-z0-9-]*"), ("fluentd",)),
    Helper("the Vector log shipper", _image(r"(timberio|vectordotdev)/vector"), ("vector",)),
    Helper("the OpenTelemetry Collector",
           _image(r"opentelemetry-collector(-contrib|-k8s|-otlp)?"), ("otelcol", "otelcol-contrib", "otelcol-k8s")),
    Helper("the Datadog Agent", _image(r"(datadog|datadoghq)/agent"), ("agent",), subcommands=("run", "start")),
    # linkerd's proxy-init image is the one-shot iptables setup; proxy is the daemon
    Helper("the Linkerd proxy", _image(r"(linkerd|linkerd-io)/proxy"), ("linkerd2-proxy",)),
)

# arguments that make a daemon binary print something and exit
_ONE_SHOT = frozenset(("--version", "-version", "version", "--help", "-help", "-h", "help",
                       "validate", "--validate", "--dry-run", "--mode=validate", "--check-config",
                       "istio-iptables"))


def _image_path(image: str) -> str:
    """'docker.io/istio/proxyv2:1.22.0@sha256:..' -> 'docker.io/istio/proxyv2'."""
    image = image.strip().lower().split("@", 1)[0]
    slash = image.rfind("/")
    colon = image.rfind(":")
    return image[:colon] if colon > slash else image


def _daemon(c: ContainerView) -> Optional[Helper]:
    image = as_str(c.spec.get("image"))
    if not image:
        return None
    path = _image_path(image)
    command = [w for w in as_list(c.spec.get("command")) if isinstance(w, str)]
    args = [w for w in as_list(c.spec.get("args")) if isinstance(w, str)]
    for helper in HELPERS:
        if not helper.image.search(path):
            continue
        if any(a in _ONE_SHOT or a.split("=", 1)[0] in _ONE_SHOT for a in command + args):
            return None
        if command:
            # an explicit command runs the daemon only if it names the daemon binary
            if command[0].rsplit("/", 1)[-1] not in helper.daemons:
                return None
            rest = command[1:] + args
        else:
            rest = args  # the image's entrypoint starts the daemon
        if rest and not rest[0].startswith("-"):
            first = rest[0].rsplit("/", 1)[-1]
            if helper.subcommands is not None:
                if first not in helper.subcommands:
                    return None  # another subcommand (istio-iptables is istio-init's)
            elif not command and first not in helper.daemons:
                return None  # args replace the image's CMD with another program (cp, sh, ...)
        return helper
    return None


def _advice(pod: PodSite) -> str:
    if pod.k8s.gate("SidecarContainers"):
        return "declare it as a sidecar with restartPolicy: Always"
    dropped = f"; {pod.k8s} drops the field" if pod.k8s.at_least(28) else ""
    return (f"move it to containers (sidecars, restartPolicy: Always on an init container, "
            f"need Kubernetes 1.29{dropped})")


def check(pod: PodSite) -> Iterator[Finding]:
    for c in pod.init_containers:
        if not c.is_plain_init:
            continue
        helper = _daemon(c)
        if helper is not None:
            yield Finding(
                c.path / "image",
                f'{c.label} runs {helper.what} ("{c.spec.get("image")}"), which never exits: init '
                f"containers must finish before the next one and the app containers start, so the "
                f"pod stays in Init; {_advice(pod)}",
            )
            continue
        script = container_script(c)
        forever = never_exits(script) if script is not None else None
        if forever is not None:
            yield Finding(
                script.path,
                f'{c.label} runs "{forever}", which never exits: init containers must finish '
                f"before the app containers start, so the pod stays in Init; {_advice(pod)}",
            )
