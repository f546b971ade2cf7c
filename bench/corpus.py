"""Deterministic benchmark corpus: pod-bearing manifests of every kind, 40-210 lines each."""

from __future__ import annotations

import random
from pathlib import Path

KINDS = ("Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob")
IMAGES = ("nginx:1.27", "redis:7.2", "postgres:16.3", "ghcr.io/example/api:2.4.1", "busybox:1.36",
          "envoyproxy/envoy:v1.31.0", "python:3.12-slim", "grafana/grafana:11.1.0")


def _container(rng: random.Random, name: str, probes: bool) -> list[str]:
    port = rng.choice((80, 8080, 9090, 3000, 5432))
    image = rng.choice(IMAGES) if probes else "busybox:1.36"
    lines = [f"- name: {name}", f"  image: {image}",
             "  imagePullPolicy: IfNotPresent",
             f"  args: [\"--port={port}\", \"--log-level=info\"]",
             "  ports:", "  - name: http", f"    containerPort: {port}", "    protocol: TCP",
             "  env:"]
    for i in range(rng.randint(1, 6)):
        if rng.random() < 0.3:
            lines += [f"  - name: SECRET_{i}", "    valueFrom:", "      secretKeyRef:",
                      "        name: app-secrets", f"        key: key-{i}"]
        else:
            lines += [f"  - name: VAR_{i}", f"    value: \"value-{rng.randint(0, 999)}\""]
    lines += ["  resources:", "    requests:", f"      cpu: {rng.choice(('100m', '250m', '0.5', '1'))}",
              f"      memory: {rng.choice(('64Mi', '128Mi', '256Mi', '1Gi'))}",
              "    limits:", "      cpu: \"2\"", "      memory: 2Gi"]
    if probes:
        lines += ["  readinessProbe:", "    httpGet:", "      path: /ready", "      port: http",
                  "    periodSeconds: 5", "  livenessProbe:", "    httpGet:", "      path: /healthz",
                  f"      port: {port}", "    initialDelaySeconds: 15", "    failureThreshold: 4"]
    lines += ["  volumeMounts:", "  - name: data", "    mountPath: /var/lib/data",
              "  securityContext:", "    runAsNonRoot: true", "    allowPrivilegeEscalation: false",
              "    readOnlyRootFilesystem: true", "    capabilities:", "      drop: [ALL]"]
    return lines


def _pod_spec(rng: random.Random, restart: str | None) -> list[str]:
    lines = []
    if restart:
        lines.append(f"restartPolicy: {restart}")
    lines += ["serviceAccountName: app", "terminationGracePeriodSeconds: 45"]
    if rng.random() < 0.5:
        lines += ["initContainers:"] + _container(rng, "init-config", probes=False)
        if rng.random() < 0.5:
            lines += ["- name: proxy", "  image: envoyproxy/envoy:v1.31.0", "  restartPolicy: Always",
                      "  readinessProbe:", "    tcpSocket:", "      port: 9901"]
    lines += ["containers:"]
    for i in range(rng.randint(1, 3)):
        lines += _container(rng, f"app-{i}", probes=True)
    lines += ["volumes:", "- name: data", "  emptyDir:", "    sizeLimit: 1Gi",
              "nodeSelector:", "  kubernetes.io/os: linux",
              "tolerations:", "- key: dedicated", "  operator: Equal", "  value: app",
              "  effect: NoSchedule"]
    return lines


def _indent(lines: list[str], n: int) -> list[str]:
    return [" " * n + line for line in lines]


def manifest(rng: random.Random, index: int) -> str:
    kind = KINDS[index % len(KINDS)]
    name = f"app-{index}"
    head = {"Pod": "v1", "Deployment": "apps/v1", "StatefulSet": "apps/v1", "DaemonSet": "apps/v1",
            "Job": "batch/v1", "CronJob": "batch/v1"}[kind]
    out = [f"apiVersion: {head}", f"kind: {kind}", "metadata:", f"  name: {name}",
           "  labels:", f"    app: {name}", "    team: platform"]
    restart = {"Job": "OnFailure", "CronJob": "OnFailure"}.get(kind)
    spec = _pod_spec(rng, restart)
    template = ["metadata:", "  labels:", f"    app: {name}", "spec:"] + _indent(spec, 2)
    if kind == "Pod":
        out += ["spec:"] + _indent(spec, 2)
    elif kind == "Job":
        out += ["spec:", "  backoffLimit: 3", "  template:"] + _indent(template, 4)
    elif kind == "CronJob":
        out += ["spec:", "  schedule: \"*/15 * * * *\"", "  jobTemplate:", "    spec:", "      template:"]
        out += _indent(template, 8)
    else:
        out += ["spec:"]
        if kind != "DaemonSet":
            out += ["  replicas: 3"]
        if kind == "StatefulSet":
            out += ["  serviceName: " + name]
        out += ["  selector:", "    matchLabels:", f"      app: {name}", "  template:"] + _indent(template, 4)
    return "\n".join(out) + "\n"


def generate(folder: Path, count: int, seed: int = 20261125) -> list[Path]:
    """Write `count` manifests (one or two documents each) into `folder`; same seed, same bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = manifest(rng, i)
        if i % 4 == 0:  # some multi-document files, as real repositories have
            text += "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-%d\nspec:\n" \
                    "  selector:\n    app: app-%d\n  ports:\n  - port: 80\n    targetPort: http\n" % (i, i)
        path = folder / f"m{i:05d}.yaml"
        path.write_text(text)
        paths.append(path)
    return paths
