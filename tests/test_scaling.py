"""Hostile repositories: every rule and the suppression handling is linear in its input.

Each test builds a manifest of size n and 4n and asserts the time grows about 4x (a ratio,
min of 3 runs after a warm-up, with a generous bound: quadratic code grows ~16x), never
an absolute time, plus the findings the manifest must still give.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from typing import Callable

from podlint.engine import Checker, Settings
from podlint.load import load_text

LINEAR = 10  # a linear 4x is ~4; quadratic is ~16


def check(text: str) -> list:
    return Checker(Settings()).check_loaded(load_text(text, "x.yaml"))


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        check(text)
        best = min(best, time.perf_counter() - start)
    return best


def assert_linear(build: Callable[[int], str], n: int) -> None:
    small, large = build(n), build(4 * n)
    check(small)  # warm-up: imports, lazily compiled patterns, caches
    ratio = _seconds(large) / _seconds(small)
    assert ratio < LINEAR, f"4x the input took {ratio:.1f}x the time"


def rules(text: str) -> Counter:
    return Counter(d.rule_id for d in check(text))


def _init_pod(script: str) -> str:
    return ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n"
            "    - name: wait\n      image: busybox:1.36\n"
            f"      command: [\"sh\", \"-c\", {json.dumps(script)}]\n"
            "  containers:\n    - name: app\n      image: nginx:1.27\n")


WAIT = "until nc -z db 5432; do sleep 1; done\n"  # an unbounded wait: PW823


def _dates(n: int) -> str:
    return _init_pod(WAIT + "date " * n)


def test_a_script_of_many_dates_is_linear() -> None:
    assert_linear(_dates, 20_000)
    assert rules(_dates(1000))["PW823"] == 1
    assert rules(_init_pod(WAIT + "date " * 1000 + "+%s"))["PW823"] == 0  # a deadline from the clock


def _loop_lines(n: int) -> str:
    return _init_pod(WAIT + "while true; do sleep 1; done\n" * n)


def _nested_loops(n: int) -> str:
    return _init_pod(WAIT + "while true\n" * n + "do sleep 1\n" * n + "done\n" * n)


def test_a_script_of_many_loops_is_linear() -> None:
    assert_linear(_loop_lines, 10_000)
    found = rules(_loop_lines(1000))
    assert found["PW823"] == 1 and found["PW822"] == 1  # waits unbounded, then never exits


def test_a_script_of_deeply_nested_loops_is_linear() -> None:
    assert_linear(_nested_loops, 4000)
    assert rules(_nested_loops(500))["PW823"] == 1


def _config_map_items(n: int) -> str:
    items = "".join(f"          - {{key: k{i}, path: dir{i % 7}/p{i}}}\n" for i in range(n))
    items += "          - {key: again, path: dir0/p0}\n          - {key: parent, path: dir3}\n"
    return ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
            "    - name: app\n      image: nginx:1.27\n      volumeMounts: [{name: v, mountPath: /v}]\n"
            "  volumes:\n    - name: v\n      configMap:\n        name: cm\n        items:\n" + items)


def test_many_config_map_items_are_linear() -> None:
    assert_linear(_config_map_items, 4000)
    messages = sorted(d.message for d in check(_config_map_items(100)) if d.rule_id == "PW805")
    assert len(messages) == 2
    assert '"dir0/p0" is written twice' in messages[0]
    assert 'path "dir3" overlaps "dir3/p3"' in messages[1]


def _resource_claims(n: int) -> str:
    declared = "".join(f"    - {{name: c{i}, resourceClaimName: rc{i}}}\n" for i in range(n))
    whole = "".join(f"          - {{name: c{i}}}\n" for i in range(n))
    parts = "".join(f"          - {{name: c{i}, request: r}}\n" for i in range(n))
    return ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  resourceClaims:\n" + declared
            + "  containers:\n    - name: a\n      image: nginx:1.27\n      resources:\n        claims:\n"
            + whole + "          - {name: c0}\n          - {name: missing}\n"
            + "    - name: b\n      image: nginx:1.27\n      resources:\n        claims:\n"
            + parts + "          - {name: c1}\n")


def test_many_resource_claims_are_linear() -> None:
    assert_linear(_resource_claims, 2000)
    messages = [d.message for d in check(_resource_claims(50)) if d.rule_id == "PL447"]
    assert len(messages) == 3
    assert any('"c0" again' in m for m in messages)
    assert any('"missing", which is not declared' in m for m in messages)
    assert any('"c1" as a whole after' in m for m in messages)


def _cron_every(n: int) -> str:
    return ("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: j}\nspec:\n"
            f"  schedule: \"@every {'0s' * n}\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            "          restartPolicy: OnFailure\n          containers:\n"
            "            - name: app\n              image: nginx:1.27\n")


def test_a_long_every_duration_is_linear() -> None:
    assert_linear(_cron_every, 50_000)
    assert rules(_cron_every(1000))["PL635"] == 0  # 0s0s...0s is a duration
    assert rules(_cron_every(1000).replace('0s"', '0sx"'))["PL635"] == 1


def _suppressed(n: int) -> str:
    comments = "# podlint: disable=PL404\n" * n
    containers = "".join(
        f"    - name: c{i}\n      image: nginx:1.27\n      livenessprobe: {{}}"
        + ("  # podlint: disable=PL010\n" if i % 2 else "\n") for i in range(n // 10))
    return comments + "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n" + containers


def test_many_suppression_comments_are_linear() -> None:
    assert_linear(_suppressed, 5000)
    found = rules(_suppressed(1000))
    assert found["PL010"] == 50  # the other 50 are suppressed
    assert found["PW001"] == 1000  # nothing for PL404 on the line after each comment
