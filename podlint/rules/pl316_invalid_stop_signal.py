"""PL316 invalid-stop-signal."""

from __future__ import annotations

from typing import Iterator

from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_str

RULE = Rule(
    id="PL316",
    name="invalid-stop-signal",
    severity=Severity.ERROR,
    summary="lifecycle.stopSignal without spec.os.name, or not a signal of that OS",
)

# KEP-4960 / validation.go supportedStopSignalsLinux and supportedStopSignalsWindows
LINUX_SIGNALS = frozenset(
    ["SIGABRT", "SIGALRM", "SIGBUS", "SIGCHLD", "SIGCLD", "SIGCONT", "SIGFPE", "SIGHUP",
     "SIGILL", "SIGINT", "SIGIO", "SIGIOT", "SIGKILL", "SIGPIPE", "SIGPOLL", "SIGPROF",
     "SIGPWR", "SIGQUIT", "SIGSEGV", "SIGSTKFLT", "SIGSTOP", "SIGSYS", "SIGTERM", "SIGTRAP",
     "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGUSR1", "SIGUSR2", "SIGVTALRM", "SIGWINCH",
     "SIGXCPU", "SIGXFSZ", "SIGRTMIN", "SIGRTMAX"]
    + [f"SIGRTMIN+{n}" for n in range(1, 16)]
    + [f"SIGRTMAX-{n}" for n in range(1, 15)]
)
WINDOWS_SIGNALS = frozenset(["SIGKILL", "SIGTERM"])


def check(pod: PodSite) -> Iterator[Finding]:
    # util.go dropContainerStopSignals: the field is dropped while ContainerStopSignals is
    # off, which it is by default in every release podlint supports (alpha 1.33, beta
    # planned for 1.38), so this only reports on clusters that enable the gate.
    if not pod.k8s.gate("ContainerStopSignals"):
        return
    os_name = as_str(as_dict(pod.spec.get("os")).get("name")) or ""
    for c in pod.running_containers:
        lifecycle = as_dict(c.spec.get("lifecycle"))
        signal = lifecycle.get("stopSignal")
        if signal is None:
            continue
        path = c.path / "lifecycle" / "stopSignal"
        shown = f'"{signal}"' if isinstance(signal, str) else str(signal)
        # validation.go validateContainerStopSignal: Forbidden without spec.os.name,
        # NotSupported outside the OS's list; other os names are left to validateOS
        if os_name == "":
            yield Finding(path, f"{c.label} sets lifecycle.stopSignal {shown} but the pod sets "
                                "no spec.os.name; set os.name to linux or windows")
        elif not isinstance(signal, str):
            continue
        elif os_name == "linux" and signal not in LINUX_SIGNALS:
            yield Finding(path, f"{c.label} lifecycle.stopSignal {shown} is not a Linux signal "
                                "name; use e.g. SIGTERM, SIGQUIT, SIGINT or SIGUSR1")
        elif os_name == "windows" and signal not in WINDOWS_SIGNALS:
            yield Finding(path, f"{c.label} lifecycle.stopSignal {shown} is not supported on "
                                "Windows; use SIGTERM or SIGKILL")
