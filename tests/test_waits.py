"""rules/_waits.py: the wait idioms of init containers, and the Service a host names."""

from __future__ import annotations

import time

import pytest

from podlint.model import ContainerView
from podlint.paths import FieldPath
from podlint.rules._runtime import Script, container_script
from podlint.rules._waits import service_of, waits

SEED_HOST = ("pengfei-fake-service.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)"
             ".svc.cluster.local")


def waits_of(text: str, prefix: str = "") -> list[tuple]:
    return [(w.kind, w.tool, w.target, w.host, w.port, w.seconds, w.in_loop, w.bounded)
            for w in waits(Script(text, prefix, FieldPath(("command",))))]


@pytest.mark.parametrize("text, expected", [
    # the seed's init container: the namespace read from the service account's file
    (f"until nslookup {SEED_HOST}; do echo waiting for myservice; sleep 2; done",
     [("dns", "nslookup", SEED_HOST, SEED_HOST, None, 2.0, True, False)]),
    ("until getent hosts db; do sleep 1; done", [("dns", "getent", "db", "db", None, 1.0, True, False)]),
    ("until dig +short @10.0.0.10 db.prod.svc; do sleep 1; done",
     [("dns", "dig", "db.prod.svc", "db.prod.svc", None, 1.0, True, False)]),
    ("until host db.prod; do sleep 1; done", [("dns", "host", "db.prod", "db.prod", None, 1.0, True, False)]),
    ("until curl -sf -o /dev/null http://api:8080/healthz; do sleep 3; done",
     [("http", "curl", "http://api:8080/healthz", "api", 8080, 3.0, True, False)]),
    ("until wget -q --spider 'https://api.default.svc/ready'; do sleep 3; done",
     [("http", "wget", "'https://api.default.svc/ready'", "api.default.svc", 443, 3.0, True, False)]),
    ("until nc -z db 5432; do sleep 2; done", [("tcp", "nc", "db 5432", "db", 5432, 2.0, True, False)]),
    ("until nc -zv -w 2 db 5432 >/dev/null 2>&1; do sleep 2; done",
     [("tcp", "nc", "db 5432", "db", 5432, 2.0, True, False)]),
    ("until nc -z -w3 db:5432; do sleep 2; done", [("tcp", "nc", "db:5432", "db", 5432, 2.0, True, False)]),
    ("while ! nc -zvw 3 redis 6379; do sleep 5; done",
     [("tcp", "nc", "redis 6379", "redis", 6379, 5.0, True, False)]),
    ("while true; do nc -z db 5432 && break; sleep 2; done",
     [("tcp", "nc", "db 5432", "db", 5432, 2.0, True, False)]),
    ("while true; do if curl -fs http://api/; then break; fi; sleep 1; done",
     [("http", "curl", "http://api/", "api", 80, 1.0, True, False)]),
    ("sleep 30", [("sleep", "sleep", "30", None, None, 30.0, False, True)]),
    ("echo start && sleep 2m", [("sleep", "sleep", "2m", None, None, 120.0, False, True)]),
    # bounded: a counter, a for loop's attempts, a timeout around the loop
    ("n=0; until nc -z db 5432; do n=$((n+1)); [ $n -gt 30 ] && exit 1; sleep 1; done",
     [("tcp", "nc", "db 5432", "db", 5432, 1.0, True, True)]),
    ("for i in $(seq 1 30); do nc -z db 5432 && exit 0; sleep 1; done; exit 1",
     [("tcp", "nc", "db 5432", "db", 5432, 1.0, True, True)]),
    ("timeout 60 sh -c 'until nc -z db 5432; do sleep 1; done'",
     [("tcp", "nc", "db 5432", "db", 5432, 1.0, True, True)]),
    # `timeout` inside the condition bounds one attempt, not the wait
    ("until timeout 1 nc -z db 5432; do sleep 1; done; sleep 5",
     [("tcp", "nc", "db 5432", "db", 5432, 1.0, True, False), ("sleep", "sleep", "5", None, None, 5.0, False, True)]),
    ("until nslookup a; do sleep 1; done; until nslookup b; do sleep 2; done",
     [("dns", "nslookup", "a", "a", None, 1.0, True, False), ("dns", "nslookup", "b", "b", None, 2.0, True, False)]),
    # no wait: one attempt, a background sleep, a loop that never polls, a comment
    ("nslookup db && echo ok", []),
    ("sleep 10 &", []),
    ("while true; do echo tick; sleep 1; done", []),
    ("# until nc -z db 5432; do sleep 1; done\necho hi", []),
])
def test_wait_idioms(text: str, expected: list[tuple]) -> None:
    assert waits_of(text) == expected


def test_the_timeout_in_the_prefix_bounds_the_loop() -> None:
    assert waits_of("until nc -z db 5432; do sleep 1; done", prefix="timeout 300")[0][-1] is True


def test_waits_reads_the_container_command() -> None:
    c = ContainerView({"name": "init", "image": "busybox",
                       "command": ["sh", "-c", "until nc -z db 5432; do sleep 2; done"]},
                      FieldPath(("spec", "initContainers", 0)), "initContainers", 0)
    script = container_script(c)
    assert script is not None
    [wait] = waits(script)
    assert (wait.kind, wait.host, wait.port, wait.command) == ("tcp", "db", 5432, "nc -z db 5432")


@pytest.mark.parametrize("host, expected", [
    ("db", ("db", "team")),
    ("db.prod", ("db", "prod")),
    ("db.prod.svc", ("db", "prod")),
    ("db.prod.svc.cluster.local", ("db", "prod")),
    ("db.prod.svc.k8s.example.internal", ("db", "prod")),  # any cluster domain after svc.
    ("db.prod.svc.cluster.local.", ("db", "prod")),
    ("db:5432", ("db", "team")),
    ("'db'", ("db", "team")),
    (SEED_HOST, ("pengfei-fake-service", "team")),
    ("db.$POD_NAMESPACE.svc.cluster.local", ("db", "team")),
    ("db.${NAMESPACE}", ("db", "team")),
    ("db.$(MY_POD_NAMESPACE).svc", ("db", "team")),  # the kubelet's $(VAR) expansion
    ("db.example.com", None),
    ("example.com", None),
    ("db.prod.cluster.local", None),
    ("10.0.0.12", None),
    ("[fd00::1]", None),
    ("localhost", None),
    ("$DB_HOST", None),
    ("db.$(REGION).svc", None),
    ("", None),
])
def test_service_of(host: str, expected) -> None:
    assert service_of(host, "team") == expected


def test_service_of_without_a_pod_namespace_says_the_pods_own() -> None:
    assert service_of(SEED_HOST, None) == ("pengfei-fake-service", None)
    assert service_of("db.prod", None) == ("db", "prod")


@pytest.mark.parametrize("text", [
    "until nc -z a 1; do " * 5000 + "sleep 1; " + "done; " * 5000,
    "sleep 1; " * 20000,
    "for i in 1; do " * 5000 + "done " * 5000,
    "until x; do echo nc nc nc nc nc nc; " * 3000 + "done;" * 3000,
    "sh -c '" * 5000,
    "$(" * 20000,
])
def test_hostile_scripts_are_read_quickly(text: str) -> None:
    started = time.perf_counter()
    found = waits(Script(text, "", FieldPath()))
    assert time.perf_counter() - started < 2
    assert len(found) <= 100


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        waits(Script(text, "", FieldPath()))
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("build", [
    lambda n: "until nc -z db 5432; do sleep 1; done\n" + "while true\n" * n + "do sleep 1\n" * n + "done\n" * n,
    lambda n: "for i in 1\n" * n + "do sleep 1\n" * n + "done\n" * n,
    lambda n: "until nc -z a 1\n" * n + "do sleep 1\n" * n + "done\n" * n,
], ids=["nested-forever", "nested-for", "nested-waits"])
def test_nested_loops_are_read_in_linear_time(build) -> None:
    small, large = build(2000), build(8000)
    waits(Script(small, "", FieldPath()))  # warm-up: lazily compiled patterns
    assert _seconds(large) / _seconds(small) < 10
