"""What a container's script waits for (not a rule: leading underscore).

The idioms of init containers that hold a pod back until something else exists: a DNS
lookup (`until nslookup db`), an HTTP request (`until curl -sf http://api/healthz`), a TCP
connection (`until nc -z db 5432`), polled in `until`/`while !`/`while true ... break` loops,
and a plain `sleep N`; and the Service a waited-for host names (`service_of`). A regex
scanner over `_runtime.find_loops`, not a shell parser: what it cannot read it leaves out.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple, Optional

from podlint import lazyre
from podlint.rules._runtime import (Script, all_loops, at_command_position, find_loops, inside, loop_is_bounded,
                                    merged_spans, sleep_seconds, strip_comments)

KINDS = ("dns", "http", "tcp", "sleep")


class Wait(NamedTuple):
    """One wait of a script, in the order the script runs them."""

    kind: str  # "dns", "http", "tcp" or "sleep"
    tool: str  # nslookup, getent, dig, host, curl, wget, nc, sleep
    target: str  # what the command names, as written ("db.$(cat ...).svc", "http://api:8080/", "30")
    host: Optional[str]  # the host looked up or connected to (quotes removed), None for sleep
    port: Optional[int]  # tcp: the port; http: the URL's port, or its scheme's (80, 443)
    url: Optional[str]  # http: the URL as written (quotes removed)
    seconds: Optional[float]  # sleep: how long; a loop: the sleep between attempts (None: none seen)
    in_loop: bool  # polled in a while/until loop (False: one command, e.g. a plain sleep)
    bounded: bool  # a counter, deadline, failing exit or `timeout N` ends the loop
    command: str  # the command as written, for messages ("nc -z db 5432")
    start: int  # where the command stands in the script (comments removed)


_TOOLS = {"nslookup": "dns", "getent": "dns", "dig": "dns", "host": "dns", "curl": "http", "wget": "http",
          "nc": "tcp", "ncat": "tcp", "netcat": "tcp"}
_TOOL = lazyre.compile(r"(?<![\w/.$-])(?:/[\w./-]*/)?(nslookup|getent|dig|host|curl|wget|nc|ncat|netcat)(?![\w.=/-])")
_SLEEP_WORD = lazyre.compile(r"(?<![\w/.$-])(?:/bin/|/usr/bin/)?sleep(?![\w.=/-])")
# `timeout 5 nc -z db 5432`: the tool is the command even though a word precedes it
_WRAPPER = lazyre.compile(r"(?:^|[\s;&|(!])(?:timeout(?:\s+-{1,2}[\w=-]+)*(?:\s+-[sk]\s+\w+)?\s+[\d.]+[smhd]?|"
                          r"command|exec|time|nice|busybox)\s*\Z")
_MAX_WORDS_TEXT = 4000  # the arguments of one command: longer text is not read


_LEADER = lazyre.compile(r"(?:^|[\s;&|(])(?:while|until|if|elif)\s*\Z")


def _is_command(text: str, pos: int) -> bool:
    window = max(0, pos - 80)
    return (at_command_position(text, pos) or _LEADER.search(text, window, pos) is not None
            or _WRAPPER.search(text, window, pos) is not None)


def _words(text: str, end: int) -> list[str]:
    return _command_words(text, end)[0]


def _command_words(text: str, end: int) -> tuple[list[str], int]:
    """The words of the simple command after `end`: quotes, $(...) and ${...} kept whole,
    redirections dropped; stops at ; & | newline, or a `)` / backtick that closes."""
    words: list[str] = []
    word: list[str] = []
    limit = min(len(text), end + _MAX_WORDS_TEXT)
    depth = 0  # inside $( ... ) or ${ ... }
    quote = ""
    i = end
    redirect = False
    while i < limit:
        ch = text[i]
        if quote:
            word.append(ch)
            if ch == quote:
                quote = ""
            i += 1
            continue
        if ch in "'\"":
            quote = ch
            word.append(ch)
        elif ch == "$" and i + 1 < limit and text[i + 1] in "({":
            depth += 1
            word.append(text[i:i + 2])
            i += 2
            continue
        elif depth and ch in ")}":
            depth -= 1
            word.append(ch)
        elif depth:
            word.append(ch)
        elif ch in " \t":
            if word:
                redirect = _push(words, "".join(word), redirect)
                word = []
        elif ch in "<>":
            if word and not "".join(word).isdigit():
                redirect = _push(words, "".join(word), redirect)
            word = []
            while i + 1 < limit and text[i + 1] in "<>&":
                i += 1
            redirect = True
        elif ch in ";&|\n)`":
            break
        else:
            word.append(ch)
        i += 1
    if word:
        _push(words, "".join(word), redirect)
    return words, i


def _push(words: list[str], word: str, redirect: bool) -> bool:
    """Add a word unless it is a redirection's target; whether the next one is."""
    if not redirect:
        words.append(word)
    return False


def _unquote(word: str) -> str:
    if len(word) >= 2 and word[0] == word[-1] and word[0] in "'\"":
        return word[1:-1]
    return word.replace("'", "").replace('"', "") if word[:1] in "'\"" else word


# options that take a value (the next word) in the tools' usual spellings
_CURL_VALUED = frozenset("-o -H -X -m -w -u -d -A -e -x -r -T -F -b -c -K -E -U -Y -y -z -C -D -P -Q".split()) | {
    "--output", "--header", "--request", "--max-time", "--write-out", "--user", "--data", "--user-agent",
    "--connect-timeout", "--retry", "--retry-delay", "--retry-max-time", "--cacert", "--cert", "--key",
    "--resolve", "--proxy", "--data-raw", "--data-binary", "--form", "--cookie", "--url"}
_WGET_VALUED = frozenset("-O -o -T -t -w -U -P -e -a".split()) | {
    "--output-document", "--timeout", "--tries", "--wait", "--user-agent", "--header", "--post-data",
    "--directory-prefix", "--output-file", "--user", "--password"}
_NC_VALUED = frozenset("-w -W -i -p -s -q -x -X -I -O -T".split())
_DIG_VALUED = frozenset("-p -t -c -b -q -x -f -k -y".split())
_HOST_VALUED = frozenset("-t -c -W -R -m -N".split())


def _positional(words: list[str], valued: frozenset) -> list[str]:
    """The words that are not options nor option values."""
    out = []
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word == "--":
            continue
        if word.startswith("-") and len(word) > 1:
            if word in valued:
                skip = True
            elif word.startswith("--") and "=" not in word and word in valued:
                skip = True
            elif not word.startswith("--") and len(word) > 2 and word[:2] in valued and word[1] != "-":
                pass  # -w3: the value is attached
            elif not word.startswith("--") and valued is _NC_VALUED and word[-1] in "wWipsqxXIOT":
                skip = True  # -zvw 3: a cluster of flags whose last takes the value
            continue
        out.append(word)
    return out


_HOST_PORT = lazyre.compile(r"\A(\[[0-9A-Fa-f:.]+\]|[^\s:/]+):(\d{1,5})\Z")


def _port(text: str) -> Optional[int]:
    text = _unquote(text)
    if text.isdigit() and 0 < int(text) <= 65535:
        return int(text)
    return None


def _parse(tool: str, words: list[str]) -> Optional[tuple[str, str, Optional[str], Optional[int], Optional[str]]]:
    """(kind, target, host, port, url) of a tool's words, or None when it names no target."""
    kind = _TOOLS[tool]
    if tool == "getent":
        args = _positional(words, frozenset(("-s", "--service")))
        if len(args) < 2 or _unquote(args[0]) not in ("hosts", "ahosts", "ahostsv4", "ahostsv6"):
            return None
        return kind, args[1], _unquote(args[1]), None, None
    if tool in ("nslookup", "dig", "host"):
        valued = _DIG_VALUED if tool == "dig" else _HOST_VALUED if tool == "host" else frozenset()
        args = [a for a in _positional(words, valued) if not a.startswith(("@", "+"))]
        if tool == "nslookup":
            args = [a for a in args if not a.startswith("-")]
        if not args:
            return None
        return kind, args[0], _unquote(args[0]), None, None
    if kind == "http":
        args = _positional(words, _CURL_VALUED if tool == "curl" else _WGET_VALUED)
        url_words = [a for a in words if "://" in a and not a.startswith("-")] or args
        if not url_words:
            return None
        target = url_words[0]
        url = _unquote(target)
        from urllib.parse import urlsplit  # here: 2 ms of start-up, for the few scripts that curl

        parts = urlsplit(url if "://" in url else "http://" + url)
        try:
            host, port = parts.hostname, parts.port
        except ValueError:
            host, port = parts.hostname, None
        if port is None:
            port = {"http": 80, "https": 443}.get(parts.scheme.lower())
        return kind, target, host, port, url
    # nc / ncat / netcat: HOST PORT, or HOST:PORT
    args = _positional(words, _NC_VALUED)
    if not args:
        return None
    host = _unquote(args[0])
    m = _HOST_PORT.match(host)
    if m:
        return kind, args[0], m.group(1).strip("[]"), int(m.group(2)), None
    if len(args) < 2:
        return None
    return kind, f"{args[0]} {args[1]}", host, _port(args[1]), None




class _Index:
    """The tools and sleeps at command positions of one script, found once: each loop's
    condition and body are then looked up by position (nested loops share their text, and
    scanning each body again is quadratic in the nesting)."""

    def __init__(self, text: str) -> None:
        self.tools = [(m.start(), m.group(1), m.end()) for m in _TOOL.finditer(text)
                      if _is_command(text, m.start())]
        self.tool_starts = [t[0] for t in self.tools]
        self.sleeps: list[tuple[int, float]] = []
        for m in _SLEEP_WORD.finditer(text):
            if _is_command(text, m.start()):
                seconds = sleep_seconds(_words(text, m.end()))
                if seconds is not None:
                    self.sleeps.append((m.start(), seconds))
        self.sleep_starts = [s[0] for s in self.sleeps]

    def first_tool(self, start: int, end: int) -> Optional[tuple[str, int, int]]:
        """The first recognised tool at a command position in text[start:end]: (tool, start, end)."""
        i = bisect.bisect_left(self.tool_starts, start)
        if i < len(self.tools) and self.tools[i][0] < end:
            at, tool, tool_end = self.tools[i]
            return tool, at, tool_end
        return None

    def loop_sleep(self, start: int, end: int) -> Optional[float]:
        i = bisect.bisect_left(self.sleep_starts, start)
        return self.sleeps[i][1] if i < len(self.sleeps) and self.sleeps[i][0] < end else None


_NESTED_SHELL = lazyre.compile(
    r"(?<![\w/.-])(?P<prefix>(?:timeout(?:\s+-{1,2}[\w=-]+)*\s+[\d.]+[smhd]?\s+)?)(?:/bin/|/usr/bin/)?"
    r"(?:sh|bash|ash|dash)\s+-[a-z]*c[a-z]*\s+(?:'(?P<single>[^']*)'|\"(?P<double>[^\"]*)\")")
_BACKGROUNDED = lazyre.compile(r"[ \t]*&(?!&)")


MAX_WAITS = 100  # a script polls for a few things; hostile text with thousands of loops is cut


def waits(script: Script, _depth: int = 0) -> list[Wait]:
    """The waits of a script: polling loops and what they poll, and plain sleeps, in order."""
    text = strip_comments(script.text)
    found: list[Wait] = []
    nested: list[tuple[int, int]] = []
    if _depth == 0:  # `timeout 60 sh -c 'until nc -z db 5432; do sleep 1; done'`
        for m in _NESTED_SHELL.finditer(text):
            inner = m.group("single") if m.group("single") is not None else m.group("double")
            offset = m.start("single") if m.group("single") is not None else m.start("double")
            prefix = " ".join(p for p in (script.prefix, m.group("prefix").strip()) if p)
            for wait in waits(Script(inner, prefix, script.path), 1)[:MAX_WAITS - len(found)]:
                found.append(wait._replace(start=wait.start + offset))
            nested.append(m.span())
    nested = merged_spans(nested)
    # (end, start, condition span, body span, loop or None): innermost loops end first
    candidates = []
    polls = find_loops(script.text)
    for loop in polls:
        if loop.backgrounded or not loop.waits:
            continue
        candidates.append((loop.end, loop.start, loop.condition_span, loop.body_span, loop))
    for loop in all_loops(script.text):
        if loop.kind in ("for", "select") and not loop.backgrounded:
            body_start, body_end = loop.body_span
            candidates.append((loop.end, loop.start, (body_start, body_start), (body_start, body_end), None))
    candidates.sort(key=lambda c: (c[0], -c[1]))
    index = _Index(text) if candidates else None
    last_taken = -1  # the latest start of a loop that holds a wait (inner loops come first)
    for end, start, condition, body, loop in candidates:
        if len(found) >= MAX_WAITS:
            break
        if last_taken >= start or inside(start, nested):
            continue  # an inner loop already holds the wait
        hit = index.first_tool(*condition) or index.first_tool(*body)
        if hit is None:
            continue
        # a for loop counts its attempts: it is bounded (`for i in $(seq 1 30)`)
        wait = _wait(text, hit, index.loop_sleep(*body), True if loop is None else loop_is_bounded(script, loop))
        if wait:
            found.append(wait)
            last_taken = max(last_taken, start)
    loops = merged_spans([(c[1], c[0]) for c in candidates] +
                    [(loop.start, loop.end) for loop in polls])
    for m in _SLEEP_WORD.finditer(text):
        if len(found) >= MAX_WAITS:
            break
        if not _is_command(text, m.start()) or inside(m.start(), loops) or inside(m.start(), nested):
            continue
        args, end = _command_words(text, m.end())
        seconds = sleep_seconds(args)
        if seconds is None or _BACKGROUNDED.match(text, end):
            continue
        found.append(Wait("sleep", "sleep", " ".join(args), None, None, None, seconds, False, True,
                          " ".join(["sleep", *args]), m.start()))
    found.sort(key=lambda wait: wait.start)
    return found


def _wait(text: str, hit: tuple[str, int, int], interval: Optional[float], bounded: bool) -> Optional[Wait]:
    tool, at, name_end = hit
    words = _words(text, name_end)
    parsed = _parse(tool, words)
    if parsed is None:
        return None
    kind, target, host, port, url = parsed
    return Wait(kind, tool, target, host, port, url, interval, True, bounded, " ".join([tool, *words]), at)


# -- the Service a host names --------------------------------------------------------------

_OWN_NAMESPACE = "\x00own\x00"
# the pod's own namespace, read in the script or substituted by the kubelet / the shell
_NAMESPACE_FILE = lazyre.compile(
    r"\$\(\s*(?:cat\s+|<\s*)/var/run/secrets/kubernetes\.io/serviceaccount/namespace\s*\)|"
    r"`\s*cat\s+/var/run/secrets/kubernetes\.io/serviceaccount/namespace\s*`")
_NAMESPACE_VAR = lazyre.compile(
    r"\$(?:\{(?P<a>[A-Za-z_][A-Za-z0-9_]*)\}|\((?P<b>[A-Za-z_][A-Za-z0-9_]*)\)|(?P<c>[A-Za-z_][A-Za-z0-9_]*))")
_NAMESPACE_NAME = lazyre.compile(r"\A(?:[A-Z0-9_]*_)?(?:NAMESPACE|NS)\Z", re.I)
_LABEL = lazyre.compile(r"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\Z")
_IPV4 = lazyre.compile(r"\A\d{1,3}(?:\.\d{1,3}){3}\Z")
# second labels that make NAME.X a public host, not NAME.NAMESPACE
_PUBLIC_SUFFIXES = frozenset((
    "com", "net", "org", "io", "dev", "app", "co", "ai", "cloud", "info", "biz", "edu", "gov", "int", "mil",
    "me", "tv", "xyz", "us", "uk", "de", "fr", "eu", "cn", "jp", "ru", "in", "nl", "br", "au", "ca", "ch",
    "se", "no", "es", "it", "pl", "kr", "local", "localhost", "localdomain", "internal", "lan", "home",
    "corp", "example", "test", "invalid", "arpa"))


def _substitute_namespace(host: str) -> Optional[str]:
    host = _NAMESPACE_FILE.sub(_OWN_NAMESPACE, host)

    def variable(m: "re.Match[str]") -> str:
        name = m.group("a") or m.group("b") or m.group("c")
        return _OWN_NAMESPACE if _NAMESPACE_NAME.match(name) else "\x00other\x00"

    host = _NAMESPACE_VAR.sub(variable, host)
    if "\x00other\x00" in host or "$" in host or "`" in host:
        return None  # some other variable: the host is not known from the manifest
    return host


def service_of(host: Optional[str], pod_namespace: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    """The Service (name, namespace) a host names through cluster DNS, or None.

    NAME, NAME.NS, NAME.NS.svc and NAME.NS.svc.<cluster domain>, with the namespace read
    from the service account's namespace file or a NAMESPACE-like variable meaning the
    pod's own (`pod_namespace`, None when the object sets none). None for IP addresses,
    localhost, public names (db.example.com) and hosts with other substitutions in them.
    """
    if not host:
        return None
    host = _unquote(host.strip()).strip()
    m = _HOST_PORT.match(host)
    if m:
        host = m.group(1)
    host = _substitute_namespace(host)
    if host is None:
        return None
    host = host.rstrip(".").lower()
    if not host or host.startswith("[") or ":" in host or _IPV4.match(host):
        return None
    own = _OWN_NAMESPACE.lower()
    labels = host.split(".")
    name = labels[0]
    if name in ("localhost", own) or own in labels[2:]:
        return None
    if len(labels) == 1:
        namespace: Optional[str] = pod_namespace
    elif len(labels) == 2:
        if labels[1] in _PUBLIC_SUFFIXES:
            return None
        namespace = labels[1]
    elif labels[2] == "svc" and all(labels[3:]):
        namespace = labels[1]
    else:
        return None
    if namespace == own:
        namespace = pod_namespace
    if not _LABEL.match(name) or len(name) > 63:
        return None
    if namespace is not None and (not _LABEL.match(namespace) or len(namespace) > 63):
        return None
    return name, namespace
