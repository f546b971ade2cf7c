"""PL303 lifecycle-hook-handler-count."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule
from podlint.rules._probes import hooks, sleep_kept

RULE = Rule(
    id="PL303",
    name="lifecycle-hook-handler-count",
    severity=Severity.ERROR,
    summary="A postStart or preStop hook sets no handler or more than one",
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateLifecycle -> validateHandler: Required when no handler is
    # set; handlers counted in the order exec, httpGet, tcpSocket, sleep, each one after
    # the first Forbidden at its own path. sleep only counts where it is not dropped
    # (PodLifecycleSleepAction, 1.30+); _probes.hooks applies that.
    for site in hooks(pod):
        if not site.handlers:
            accepted = ("exec, httpGet, tcpSocket or sleep" if sleep_kept(pod)
                        else "exec, httpGet or tcpSocket")
            yield Finding(site.path, f"{site.label} sets no handler; set exactly one of {accepted}")
        for extra in site.extra:
            yield Finding(site.path / extra,
                          f"{site.label} sets {extra} as well as {site.first}; a lifecycle hook "
                          "takes exactly one handler")
