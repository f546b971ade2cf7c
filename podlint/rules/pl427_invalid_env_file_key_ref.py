"""PL427 invalid-env-file-key-ref."""

from __future__ import annotations

from typing import Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding, Severity
from podlint.model import PodSite, Rule, as_dict, as_list, as_str
from podlint.rules._containers import env_label, value_from_entries

RULE = Rule(
    id="PL427",
    name="invalid-env-file-key-ref",
    severity=Severity.ERROR,
    summary="An env var fileKeyRef has an invalid key, volumeName or path, or names a volume "
    "that is not an emptyDir of the pod",
    # EnvFiles: alpha (off) in 1.34, where the field is dropped (PL421 then reports the empty
    # valueFrom), beta and on from 1.35; no such field before 1.34 (schema pass)
    min_version=35,
)


def check(pod: PodSite) -> Iterator[Finding]:
    # validation.go validateFileKeySelector: key empty -> Required, else IsRelaxedEnvVarName;
    # volumeName empty -> Required, else DNS label; path empty -> Required, else no ".."
    # element. validateFileKeyRefVolumes (ValidatePodSpec): the volume must exist (NotFound)
    # and be an emptyDir (Invalid). Absent fields are PL012's (the schema requires them).
    volumes = _volumes(pod)
    for c in pod.validated_containers:
        for env, value_from in value_from_entries(c):
            ref = value_from.get("fileKeyRef")
            if not isinstance(ref, dict):
                continue
            path = env.path / "valueFrom" / "fileKeyRef"
            label = f"{env_label(env)} fileKeyRef"
            key = as_str(ref.get("key"))
            if key == "":
                yield Finding(path / "key", f"{label} has an empty key; name the variable to read "
                              "from the env file")
            elif key and formats.relaxed_env_var_name(key):
                yield Finding(path / "key", f'{label} key "{key}" is not a valid env var name; keys '
                              "may contain any printable ASCII character except '='", on_key=False)
            file_path = as_str(ref.get("path"))
            if file_path == "":
                yield Finding(path / "path", f"{label} has an empty path; name the env file inside "
                              "the volume")
            elif file_path and formats.has_backsteps(file_path):
                yield Finding(path / "path", f'{label} path "{file_path}" contains ".."; the env file '
                              "must be inside the volume", on_key=False)
            volume_name = as_str(ref.get("volumeName"))
            if volume_name == "":
                yield Finding(path / "volumeName", f"{label} has an empty volumeName; name an "
                              "emptyDir volume of the pod")
            elif volume_name:
                problems = formats.dns1123_label(volume_name)
                if problems:
                    yield Finding(path / "volumeName", f'{label} volumeName "{volume_name}" is not a '
                                  f"DNS label: it {' and '.join(problems)}", on_key=False)
                elif volume_name not in volumes:
                    yield Finding(path / "volumeName", f'{label} volumeName "{volume_name}" names no '
                                  "volume of the pod; declare it as an emptyDir volume",
                                  on_key=False)
                elif not _is_empty_dir(volumes[volume_name]):
                    yield Finding(path / "volumeName", f'{label} volumeName "{volume_name}" is not an '
                                  "emptyDir volume; env files can only be read from an emptyDir",
                                  on_key=False)


def _volumes(pod: PodSite) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for volume in as_list(pod.spec.get("volumes")):
        volume = as_dict(volume)
        name = as_str(volume.get("name"))
        if name:
            found.setdefault(name, volume)
    return found


def _is_empty_dir(volume: dict) -> bool:
    # SetDefaults_Volume: a volume with no source at all becomes an emptyDir
    sources = [k for k, v in volume.items() if k != "name" and v is not None]
    return volume.get("emptyDir") is not None or not sources
