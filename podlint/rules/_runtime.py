"""Shared helpers of the runtime-trap warnings PW820-PW830 (not a rule: leading underscore).

Effective restart policies, the shell text a container runs (and the loops, sleeps and
long-running commands in it), probe defaults and hostPort overlap, each modelled on what
the kubelet does with the object the API server stored.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache
from typing import Iterable, NamedTuple, Optional

from podlint.model import ContainerView, PodSite, as_dict, as_int, as_list, as_str
from podlint.paths import FieldPath
from podlint import lazyre

# -- restart policies -------------------------------------------------------------------

def pod_restart_policy_counts(pod: PodSite) -> bool:
    """False where a non-Always pod restartPolicy is already an error (PL209: a replicated
    kind, whose pod template must keep restartPolicy Always)."""
    return not pod.layout.replicated


def container_restart_policy(pod: PodSite, c: ContainerView) -> Optional[str]:
    """The container-level restartPolicy the kubelet sees, or None if it has none.

    pkg/api/pod/util.go: with ContainerRestartRules off the field is dropped (1.34) or
    rejected (1.28-1.33, PL202) on regular containers; on init containers only `Always`
    (a sidecar, SidecarContainers on from 1.29) survives until the gate is on (1.35).
    """
    value = as_str(c.spec.get("restartPolicy"))
    if value not in ("Always", "OnFailure", "Never"):
        return None
    if pod.k8s.gate("ContainerRestartRules"):
        return value
    if c.is_init and value == "Always" and pod.k8s.gate("SidecarContainers"):
        return value
    return None


def has_restart_rules(pod: PodSite, c: ContainerView) -> bool:
    """Container restartPolicyRules that the release keeps (ContainerRestartRules on)."""
    return pod.k8s.gate("ContainerRestartRules") and bool(as_list(c.spec.get("restartPolicyRules")))



# -- the command line and the shell script in it ----------------------------------------

_SHELLS = frozenset(("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"))


class Script(NamedTuple):
    """Shell text a container (or an exec hook) runs.

    `text` is the script given to `sh -c`, or the plain argv joined by spaces when no shell
    is involved; `prefix` the words before the shell (`timeout 300 sh -c ...`); `path` the
    `command` or `args` key holding the text.
    """

    text: str
    prefix: str
    path: FieldPath


def _argv(c_spec: dict, base: FieldPath, keys: tuple[str, ...]) -> list[tuple[str, FieldPath]]:
    words: list[tuple[str, FieldPath]] = []
    for key in keys:
        for item in as_list(c_spec.get(key)):
            if isinstance(item, str):
                words.append((item, base / key))
            elif isinstance(item, (int, float)) and not isinstance(item, bool):
                words.append((str(item), base / key))
    return words


def _basename(word: str) -> str:
    return word.rsplit("/", 1)[-1]


def script_of(spec: dict, base: FieldPath, keys: tuple[str, ...] = ("command", "args")) -> Optional[Script]:
    """The shell script of an argv (`command` + `args`, or an exec action's `command`)."""
    argv = _argv(spec, base, keys)
    if not argv:
        return None
    words = [w for w, _ in argv]
    for i, word in enumerate(words):
        name = _basename(word)
        start = i + 1
        if name == "busybox" and start < len(words) and words[start] in _SHELLS:
            name, start = words[start], start + 1
        if name not in _SHELLS:
            continue
        j = start
        takes_script = False
        while j < len(words) and words[j].startswith("-") and not words[j].startswith("--"):
            if "c" in words[j][1:]:
                takes_script = True
            j += 1
        if takes_script and j < len(words):
            return Script(words[j], " ".join(words[:i]), argv[j][1])
        return None  # a shell without -c reads a file or stdin: nothing to inspect
    return Script(" ".join(words), "", argv[0][1])


def container_script(c: ContainerView) -> Optional[Script]:
    return script_of(c.spec, c.path)


# -- a small shell scanner ---------------------------------------------------------------

_COMMENT = lazyre.compile(r"(^|[ \t;])#[^\n]*", re.M)
_KEYWORD = lazyre.compile(r"(?<![\w$/.=-])(while|until|for|select|do|done)(?![\w.=/-])")
_COMMAND_LEADERS = ("do", "then", "else", "!", "{", "(", "exec", "time", "&&", "||")


def strip_comments(text: str) -> str:
    return _COMMENT.sub(r"\1", text)


def at_command_position(text: str, pos: int) -> bool:
    """Whether the word at `pos` starts a shell command (so a keyword there is one)."""
    before = text[max(0, pos - 256):pos].rstrip(" \t")  # a window: scripts can be long
    if not before or before[-1] in ";&|({\n`":
        return True
    if before.endswith("$("):
        return True
    last = before.split()[-1]
    return last in _COMMAND_LEADERS


_BACKGROUND = lazyre.compile(r"[ \t]*&(?!&)")


def _backgrounded(text: str, end: int) -> bool:
    """Whether `&` (not `&&`) follows `end`: matched in place, not on a copy of the rest."""
    return _BACKGROUND.match(text, end) is not None


class _Words:
    """Where `break`/`exit`/`return` and `sleep` stand in a (comment-stripped) script.

    Found once per script, so that asking whether a loop's body holds one is a bisection,
    not a search of the body (nested loops' bodies hold each other: quadratic). A match in
    the body is a match of the whole text inside it: the `do` before a body and the `done`
    after it are keywords only next to non-word characters, so the words' look-arounds see
    the same thing either way.
    """

    __slots__ = ("text", "_found")

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, tuple[list[int], list[int]]] = {}

    def within(self, which: str, start: int, end: int) -> bool:
        found = self._found.get(which)
        if found is None:
            pattern = _LEAVES if which == "leaves" else _SLEEP
            spans = [m.span() for m in pattern.finditer(self.text)]
            found = self._found[which] = ([a for a, _ in spans], [b for _, b in spans])
        starts, ends = found
        i = bisect.bisect_left(starts, start)  # matches never overlap: the first decides
        return i < len(starts) and ends[i] <= end


class Loop:
    """A while/until (or for/select) loop: `condition` is the text between the keyword and
    `do`, `body` the text between `do` and `done` (both sliced only when asked for)."""

    __slots__ = ("kind", "start", "end", "backgrounded", "_words", "_kw_end", "_do_start", "_do_end",
                 "_done_start")

    def __init__(self, kind: str, start: int, end: int, backgrounded: bool, words: _Words,
                 kw_end: int, do_start: int, do_end: int, done_start: int) -> None:
        self.kind = kind  # "while" or "until"
        self.start = start
        self.end = end
        self.backgrounded = backgrounded
        self._words = words
        self._kw_end, self._do_start, self._do_end, self._done_start = kw_end, do_start, do_end, done_start

    @property
    def condition(self) -> str:
        return self._words.text[self._kw_end:self._do_start]

    @property
    def body(self) -> str:
        return self._words.text[self._do_end:self._done_start]

    @property
    def condition_span(self) -> tuple[int, int]:
        """Where `condition` stands in the script (no slicing: nested loops share their text)."""
        return self._kw_end, self._do_start

    @property
    def body_span(self) -> tuple[int, int]:
        return self._do_end, self._done_start

    def __repr__(self) -> str:
        return (f"Loop({self.kind!r}, {self.start}, {self.end}, {self.condition!r}, {self.body!r}, "
                f"{self.backgrounded})")

    def _condition_is(self, pattern) -> bool:
        """pattern.match(condition.strip().rstrip(";").strip()), matched in place."""
        return pattern.match(self._words.text, self._kw_end, self._do_start) is not None

    def _body_has(self, which: str) -> bool:
        return self._words.within(which, self._do_end, self._done_start)

    @property
    def forever(self) -> bool:
        """`while true` / `until false` with no way out of the body."""
        endless = ((self.kind == "while" and self._condition_is(_TRUE_CONDITION))
                   or (self.kind == "until" and self._condition_is(_FALSE_CONDITION)))
        return endless and not self._body_has("leaves")

    @property
    def waits(self) -> bool:
        """A polling loop: it repeats a check until something else becomes true."""
        if self.forever:
            return False
        if self.kind == "until" or self._condition_is(_NEGATED):
            return True
        if self._condition_is(_TRUE_CONDITION):
            return self._body_has("leaves")  # while true ... break when ready
        return self._body_has("sleep")


_TRUE_WORDS = r"(?:true|:|/bin/true|\[\s*1\s*\]|\[\s*true\s*\]|\(\(\s*1\s*\)\))"
_FALSE_WORDS = r"(?:false|/bin/false|\[\s*0\s*\]|\[\s*1\s*-eq\s*0\s*\])"
# a whole condition that .strip().rstrip(";").strip() turns into one of those (each \s*
# is followed by something it cannot match: no backtracking between them)
_TRUE_CONDITION = lazyre.compile(rf"\s*{_TRUE_WORDS}\s*(?:;+\s*)?\Z")
_FALSE_CONDITION = lazyre.compile(rf"\s*{_FALSE_WORDS}\s*(?:;+\s*)?\Z")
_NEGATED = lazyre.compile(r"\s*!")
_LEAVES = lazyre.compile(r"(?<![\w-])(break|exit|return)(?![\w-])")
_SLEEP = lazyre.compile(r"(?<![\w-])sleep(?![\w-])")


@lru_cache(maxsize=32)  # PW822, PW823, _waits and the cross-document facts read the same script
def all_loops(text: str) -> tuple[Loop, ...]:
    """Every loop of a script (while, until, for, select), innermost last (a regex scanner,
    not a parser)."""
    return tuple(_find_loops(text))


@lru_cache(maxsize=32)
def find_loops(text: str) -> tuple[Loop, ...]:
    """The while/until loops of a script, innermost last."""
    return tuple(loop for loop in all_loops(text) if loop.kind in ("while", "until"))


def _find_loops(text: str) -> list[Loop]:
    text = strip_comments(text)
    loops: list[Loop] = []
    stack: list[list] = []  # [kind, start, keyword end, do start, do end]
    open_ = []  # the entries of `stack` still without their `do`, bottom to top
    words = _Words(text)
    for m in _KEYWORD.finditer(text):
        if not at_command_position(text, m.start()):
            continue
        word = m.group(1)
        if word in ("while", "until", "for", "select"):
            entry = [word, m.start(), m.end(), None, None]
            stack.append(entry)
            open_.append(entry)
        elif word == "do":
            if open_:  # the innermost loop still waiting for its `do`
                entry = open_.pop()
                entry[3], entry[4] = m.start(), m.end()
        elif word == "done" and stack:
            kind, start, kw_end, do_start, do_end = stack.pop()
            if do_start is None:
                open_.pop()  # the top of the stack lacked a `do`: it is the last of open_
            if do_start is None:
                continue
            loops.append(Loop(kind, start, m.end(), _backgrounded(text, m.end()), words,
                              kw_end, do_start, do_end, m.start()))
    return loops


_ARITHMETIC = lazyre.compile(r"\$\(\(|\(\(|(?<![\w-])(let|expr)\s")
_FAILING_EXIT = lazyre.compile(r"(?<![\w-])exit\s+(\"?\$|[1-9])")
_TIMEOUT = lazyre.compile(r"(?<![\w-])timeout\s+(?:-[\w=-]+\s+)*\d")


_CLOCK_VAR = lazyre.compile(r"\$\{?(SECONDS|EPOCHSECONDS)\b")
_DATE = lazyre.compile(r"(?<![\w-])date\s")
_SEPARATED = lazyre.compile(r"[^;&|\n]+")


def _reads_clock(text: str) -> bool:
    """Whether the script reads a clock ($SECONDS, `date ... +%s`), in linear time.

    A pattern `date\\s[^;&|\\n]*\\+%s` rescans the rest of a command from every
    `date`: quadratic on `date date date ...`. Equivalently, some run of text between
    separators has a `+%s` with a `date\\s` ending at or before it, inside the run.
    """
    if _CLOCK_VAR.search(text):
        return True
    if "+%s" not in text:
        return False
    for run in _SEPARATED.finditer(text):
        start, end = run.span()
        last = text.rfind("+%s", start, end)
        if last < 0:
            continue
        pos = max(0, start - 5)  # `date\n` may end a run right where this one starts
        while True:
            m = _DATE.search(text, pos, last)
            if m is None:
                break
            if m.end() >= start:
                return True
            pos = m.start() + 1
    return False


@lru_cache(maxsize=16)  # one script, many loops: strip and scan it once (str hashes are cached)
def _script_facts(text: str, prefix: str) -> tuple[str, bool, float]:
    """The script without comments, whether it reads a clock, and where its first
    `timeout N` ends (inf: none, or one in the prefix wrapping the whole shell: -1)."""
    stripped = strip_comments(text)
    if _TIMEOUT.search(prefix):
        timeout_end: float = -1
    else:
        # `timeout N` matches never overlap, so "one ends by `loop.start`" (what searching
        # text[:loop.start] asks) is "the first one does"
        first = _TIMEOUT.search(stripped)
        timeout_end = math.inf if first is None else first.end()
    return stripped, _reads_clock(stripped), timeout_end


def loop_is_bounded(script: Script, loop: Loop) -> bool:
    """A counter, a deadline, a failing exit or a `timeout N` wrapper ends the wait."""
    text, clock, timeout_end = _script_facts(script.text, script.prefix)
    inside = loop.condition + "\n" + loop.body
    if _ARITHMETIC.search(inside) or _FAILING_EXIT.search(loop.body) or clock:
        return True
    # `timeout N` before the loop wraps it (or the whole shell); inside it only bounds
    # one attempt (`until timeout 1 nc -z db 5432`)
    return timeout_end <= loop.start


_SIMPLE_REST = lazyre.compile(r"[^;&|\n)`]*")


def _rest_end(text: str, end: int) -> int:
    """Where the simple command whose name ends at `end` stops."""
    match = _SIMPLE_REST.match(text, end)
    return match.end() if match else end


def _words_after(text: str, end: int) -> list[str]:
    """The arguments of the simple command whose name ends at `end`."""
    return text[end:_rest_end(text, end)].split()


def merged_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Text ranges, overlapping ones merged, sorted (for `inside`)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` falls in one of the merged_spans."""
    i = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


_SLEEP_ARG = lazyre.compile(r"^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def sleep_seconds(args: list[str]) -> Optional[float]:
    """Seconds a `sleep` with these arguments waits (GNU/busybox add them up); None if unclear."""
    total = 0.0
    for arg in args:
        arg = arg.strip("'\"")
        if arg in ("infinity", "inf"):
            return math.inf
        m = _SLEEP_ARG.match(arg)
        if not m:
            return None if total == 0 else total
        total += float(m.group(1)) * _UNIT[m.group(2)]
    return total if args else None


class Sleep(NamedTuple):
    seconds: float
    text: str  # e.g. "sleep 30"


def top_level_sleeps(script: Script) -> list[Sleep]:
    """`sleep N` commands that run in the foreground, outside any loop."""
    text = strip_comments(script.text)
    spans = merged_spans((loop.start, loop.end) for loop in find_loops(script.text))
    out = []
    for m in re.finditer(r"(?<![\w/.-])(?:/bin/|/usr/bin/)?sleep(?![\w.-])", text):
        if not at_command_position(text, m.start()) or inside(m.start(), spans):
            continue
        args = _words_after(text, m.end())
        if _backgrounded(text, _rest_end(text, m.end())):
            continue
        seconds = sleep_seconds(args)
        if seconds is not None:
            out.append(Sleep(seconds, " ".join(["sleep", *args])))
    return out


FOREVER_SLEEP = 86400  # a foreground sleep of a day or more is a "never exits"


def never_exits(script: Script) -> Optional[str]:
    """The part of a script that keeps it running for good, quoted for a message; else None."""
    text = strip_comments(script.text)
    for loop in find_loops(script.text):
        if loop.forever and not loop.backgrounded:
            newline = text.find("\n", loop.start, loop.end)
            first_line = text[loop.start:loop.end if newline < 0 else newline].strip()
            return first_line if len(first_line) <= 60 else first_line[:57] + "..."
    for sleep in top_level_sleeps(script):
        if sleep.seconds >= FOREVER_SLEEP:
            return sleep.text
    for m in re.finditer(r"(?<![\w/.-])(?:/usr/bin/|/bin/)?tail(?![\w.-])", text):
        if not at_command_position(text, m.start()):
            continue
        args = _words_after(text, m.end())
        end = _rest_end(text, m.end())
        follows = any(a in ("--follow", "-f", "-F") or (a.startswith("-") and not a.startswith("--")
                      and ("f" in a or "F" in a) and a[1:].isalpha()) for a in args)
        if follows and not _backgrounded(text, end):
            return " ".join(["tail", *args])
    return None


# -- probes ------------------------------------------------------------------------------

# pkg/apis/core/v1/defaults.go SetDefaults_Probe: 0 (or absent) becomes these values
PROBE_DEFAULTS = {"timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3}


def probe_int(probe: dict, key: str) -> Optional[int]:
    """A probe timing field after defaulting; None when it is of the wrong type or negative."""
    raw = probe.get(key)
    if raw is None:
        value = 0
    else:
        value = as_int(raw)
        if value is None or value < 0:
            return None  # schema error or PL311
    if value == 0:
        return PROBE_DEFAULTS.get(key, 0)
    return value


def normalized_probe(probe: dict) -> dict:
    """The probe as the API server stores it (defaults applied), for comparisons."""
    out = {k: v for k, v in probe.items() if v is not None}
    for key in (*PROBE_DEFAULTS, "initialDelaySeconds"):
        value = probe_int(probe, key)
        out[key] = probe.get(key) if value is None else value  # keep wrong values as they are
    http = out.get("httpGet")
    if isinstance(http, dict):
        http = {k: v for k, v in http.items() if v is not None}
        http["path"] = http.get("path") or "/"
        http["scheme"] = http.get("scheme") or "HTTP"
        out["httpGet"] = http
    return out


# -- ports -------------------------------------------------------------------------------

def port_names(c: ContainerView) -> set[str]:
    return {name for p in as_list(c.spec.get("ports"))
            if isinstance(name := as_dict(p).get("name"), str)}


class HostPort(NamedTuple):
    container: ContainerView
    path: FieldPath  # to the hostPort field
    port: int
    protocol: str
    host_ip: str
    container_port: Optional[int]

    def clashes_with(self, other: "HostPort") -> bool:
        """Same protocol and port on overlapping host addresses ("" and 0.0.0.0 mean all)."""
        if self.port != other.port or self.protocol != other.protocol:
            return False
        wildcard = ("", "0.0.0.0", "::")
        return self.host_ip == other.host_ip or self.host_ip in wildcard or other.host_ip in wildcard


def host_ports(c: ContainerView) -> list[HostPort]:
    out = []
    for i, item in enumerate(as_list(c.spec.get("ports"))):
        port = as_dict(item)
        number = as_int(port.get("hostPort"))
        if number is None or not 1 <= number <= 65535:
            continue  # 0 / absent: no host port (PL411 reports out-of-range values)
        protocol = as_str(port.get("protocol")) or "TCP"
        host_ip = as_str(port.get("hostIP")) or ""
        out.append(HostPort(c, c.path / "ports" / i / "hostPort", number, protocol, host_ip,
                            as_int(port.get("containerPort"))))
    return out


def activity_deadline(pod: PodSite) -> bool:
    """Whether a pod or Job activeDeadlineSeconds bounds how long the pod may run."""
    if as_int(pod.spec.get("activeDeadlineSeconds")) is not None:
        return True
    return pod.controller is not None and pod.is_job and \
        as_int(pod.controller.get("activeDeadlineSeconds")) is not None
